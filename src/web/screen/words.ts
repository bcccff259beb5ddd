import { translator } from '../shared/i18n';

export const t = translator({
  title: ['Cuộc đua luyện AI', 'AI training race'],
  noToken: [
    'Màn hình cần mã: mở /screen?token=… với mã do ban tổ chức tạo.',
    'This screen needs a token: open /screen?token=… with one made by the organisers.',
  ],
  badToken: [
    'Mã màn hình không hợp lệ, đã hết hạn hoặc đã bị thu hồi. Hãy xin ban tổ chức mã mới.',
    'The screen token is invalid, has expired or was revoked. Ask the organisers for a new one.',
  ],
  noRace: ['Chưa có cuộc đua nào.', 'No race yet.'],
  units: ['Đơn vị · tỉ lệ tham gia', 'Units · turnout'],
  schools: ['Trường học · tỉ lệ tham gia', 'Schools · turnout'],
  categories: ['Khối đơn vị', 'Unit categories'],
  clans: ['Dòng họ', 'Family clans'],
  individuals: ['Cá nhân xuất sắc', 'Top people'],
  empty: ['Chưa có ai tham gia. Quét mã QR để bắt đầu!', 'Nobody has played yet. Scan the QR code to start!'],
  closesIn: ['{round} · đóng sau {time}', '{round} · closes in {time}'],
  closesAt: ['{round} · đóng lúc {when}', '{round} · closes {when}'],
  liveNow: ['{round} · câu {index}/{count} · còn {time}', '{round} · question {index}/{count} · {time} left'],
  noOpenRound: ['Chưa có vòng thi đang mở', 'No round open now'],
  join: ['Quét để tham gia', 'Scan to take part'],
  people: ['{participants}/{headcount} người', '{participants}/{headcount} people'],
  players: ['{participants} người tham gia', '{participants} took part'],
  points: ['{score} điểm', '{score} pts'],
  offline: ['Mất kết nối, đang kết nối lại…', 'Connection lost, reconnecting…'],
  scoresHeld: ['Điểm của vòng đang thi được công bố khi vòng thi đóng', 'The open round’s points are shown when it closes'],
});
