import type { Figures, ParticipationReport, QuestionResult } from '../contract/reports';
import { Cell, Sheet } from '../http/spreadsheet';
import { roundTwo } from './report-rules';
import { HEADCOUNT_OUTDATED_NOTE } from './report-types';

/** The reports' files: each sheet's columns, in Vietnamese as the district reads them, and its rows. */

/** The report as sheets: the district, the categories, the units. */
export function participation(report: ParticipationReport): Sheet[] {
  const figures: Sheet['columns'] = [
    { header: 'Số người tham gia', format: 'integer' },
    { header: 'Biên chế (người)', format: 'integer' },
    { header: 'Tỉ lệ tham gia', format: 'percent' },
    { header: 'Điểm trung bình', format: 'decimal' },
    { header: 'Điểm bình quân đầu người', format: 'decimal' },
    { header: 'Tổng điểm', format: 'integer' },
    { header: 'Thay đổi số người', format: 'integer' },
    { header: 'Thay đổi tỉ lệ (điểm %)', format: 'decimal' },
    { header: 'Ghi chú', width: 50 },
  ];
  const cells = (f: Figures): Cell[] => [
    f.participants,
    f.headcount,
    f.ratePercent,
    f.averageScore,
    f.perHeadScore,
    f.totalScore,
    f.change?.participants ?? null,
    f.change?.ratePercent ?? null,
    f.headcountOutdated ? HEADCOUNT_OUTDATED_NOTE : '',
  ];
  const from = (list: Cell[][]) =>
    (async function* () {
      yield* list;
    })();
  return [
    { name: 'Toàn huyện', columns: [{ header: 'Phạm vi', width: 30 }, ...figures], rows: from([['Tổng', ...cells(report.total)]]) },
    {
      name: 'Khối',
      columns: [{ header: 'Hạng', format: 'integer', width: 8 }, { header: 'Khối', width: 30 }, ...figures],
      rows: from(report.categories.map((c) => [c.rank, c.name, ...cells(c)])),
    },
    {
      name: 'Đơn vị',
      columns: [{ header: 'Hạng', format: 'integer', width: 8 }, { header: 'Đơn vị', width: 40 }, { header: 'Khối', width: 26 }, ...figures],
      rows: from(report.units.map((u) => [u.rank, u.name, u.categoryName ?? '', ...cells(u)])),
    },
  ];
}

/** Who has not played, walked by the caller page by page. */
export function nonParticipants(people: AsyncGenerator<Cell[]>): Sheet[] {
  return [
    {
      name: 'Chưa tham gia',
      columns: [
        { header: 'Đơn vị', width: 40 },
        { header: 'Mã cán bộ', width: 14 },
        { header: 'Họ và tên', width: 32 },
      ],
      rows: people,
    },
  ];
}

/** A round's results: each person ranked (walked by the caller), and each question. */
export function roundResults(people: AsyncGenerator<Cell[]>, questions: QuestionResult[]): Sheet[] {
  return [
    {
      name: 'Kết quả cá nhân',
      columns: [
        { header: 'Hạng', format: 'integer', width: 8 },
        { header: 'Mã cán bộ', width: 14 },
        { header: 'Họ và tên', width: 32 },
        { header: 'Đơn vị', width: 36 },
        { header: 'Điểm', format: 'integer' },
        { header: 'Số câu đúng', format: 'integer' },
        { header: 'Số câu đã trả lời', format: 'integer' },
        { header: 'Thời gian trả lời (giây)', format: 'decimal' },
      ],
      rows: people,
    },
    {
      name: 'Theo câu hỏi',
      columns: [
        { header: 'Câu hỏi', width: 60 },
        { header: 'Số lượt trả lời', format: 'integer' },
        { header: 'Tỉ lệ trả lời đúng', format: 'percent' },
        { header: 'Thời gian trung bình (giây)', format: 'decimal' },
        { header: 'Số lượt hết giờ', format: 'integer' },
        { header: 'Đáp án sai được chọn nhiều nhất', width: 40 },
        { header: 'Số lượt chọn đáp án sai đó', format: 'integer' },
      ],
      rows: (async function* () {
        for (const q of questions) {
          yield [q.text, q.answered, q.correctPercent, roundTwo(q.averageMs / 1000), q.missed, q.mostChosenWrong?.text ?? '', q.mostChosenWrong?.count ?? null];
        }
      })(),
    },
  ];
}
