import { configOrExit, start } from '../src/main';

/**
 * `npm run demo`: the app on a database of its own (data/demo.sqlite unless DATABASE_URL says
 * otherwise), filled with the demo district, then the addresses and logins to try it with.
 */
async function demo(): Promise<void> {
  const config = configOrExit({ DATABASE_URL: 'sqlite:data/demo.sqlite', ADMIN_PASSWORD: 'demo-admin-2025' });
  await start(config);
  const base = `http://localhost:${config.port}`;
  console.log(
    [
      '',
      'ai-race demo: Cuộc đua luyện AI',
      `  Sức khỏe (health):   ${base}/health`,
      `  API (OpenAPI):       ${base}/api/docs`,
      `  Số liệu (metrics):   ${base}/metrics`,
      '',
      `Database: ${config.database.type === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)'}`,
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
}

demo().catch((error: unknown) => {
  console.error('The demo could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
