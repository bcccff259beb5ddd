import { configOrExit, start } from '../src/main';
import { DEMO_PIN, seedDemo } from './demo-seed';

const DEMO_ADMIN_PASSWORD = 'demo-admin-2025';

/**
 * `npm run demo`: the app on a database of its own (data/demo.sqlite unless DATABASE_URL says
 * otherwise), filled with the demo district, then the addresses and logins to try it with.
 */
async function demo(): Promise<void> {
  const config = configOrExit({ DATABASE_URL: 'sqlite:data/demo.sqlite', ADMIN_PASSWORD: DEMO_ADMIN_PASSWORD });
  const app = await start(config);
  const seed = await seedDemo(app);
  const base = `http://localhost:${config.port}`;
  const adminPassword = config.adminPassword ?? '(the one printed on first start)';
  console.log(
    [
      '',
      'ai-race demo: Cuộc đua luyện AI, huyện Đan Phượng',
      `  ${seed.units} units, ${seed.participants.toLocaleString('en-US')} participants, ${seed.questions} questions`,
      '',
      `  Participants (phone):    ${base}/`,
      `  Organisers (console):    ${base}/console`,
      `  Big screen:              ${base}/screen?token=${seed.screenToken}`,
      `  API (OpenAPI):           ${base}/api/docs`,
      `  Health / metrics:        ${base}/health  ${base}/metrics`,
      `  Open round: "${seed.round.name}" (id ${seed.round.id}), ${seed.round.questionCount} questions drawn per participant, closes ${new Date(seed.round.closesAt!).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`,
      '',
      'Demo logins:',
      `  organiser  admin / ${adminPassword}`,
      ...(seed.organiser ? [`  organiser  ${seed.organiser.username} / ${seed.organiser.password}  (only ${seed.organiser.unitName})`] : []),
      `  participants (staff code / PIN): ${seed.sampleStaffCodes.map((code) => `${code} / ${DEMO_PIN}`).join(', ')}`,
      `  every demo participant's PIN is ${DEMO_PIN}`,
      '',
      `Database: ${config.database.type === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)'}. Stop with Ctrl+C.`,
      '',
    ].join('\n'),
  );
}

demo().catch((error: unknown) => {
  console.error('The demo could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
