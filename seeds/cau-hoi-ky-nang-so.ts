/**
 * The project's own question bank (Vietnamese): AI assistants, online safety, public services,
 * payments, scams, personal data and office tools, as the article's race needs. Written for
 * this project; every question explains its answer.
 */

export type BankQuestionType = 'single' | 'multiple' | 'truefalse';

export interface BankQuestion {
  type: BankQuestionType;
  topic: string;
  difficulty: 1 | 2 | 3;
  text: string;
  choices: { text: string; correct: boolean }[];
  explanation: string;
}

export const TOPICS = [
  'Trợ lý AI',
  'An toàn khi dùng AI',
  'Dịch vụ công trực tuyến',
  'Thanh toán số',
  'Lừa đảo trực tuyến',
  'Bảo vệ dữ liệu cá nhân',
  'Công cụ số văn phòng',
] as const;

type Topic = (typeof TOPICS)[number];
type Level = 1 | 2 | 3;

/** One correct choice, given by its index. */
const one = (topic: Topic, difficulty: Level, text: string, choices: string[], answer: number, explanation: string): BankQuestion => ({
  type: 'single',
  topic,
  difficulty,
  text,
  choices: choices.map((choice, i) => ({ text: choice, correct: i === answer })),
  explanation,
});

/** Several correct choices, given by their indexes. */
const many = (topic: Topic, difficulty: Level, text: string, choices: string[], answers: number[], explanation: string): BankQuestion => ({
  type: 'multiple',
  topic,
  difficulty,
  text: `${text} (chọn nhiều đáp án)`,
  choices: choices.map((choice, i) => ({ text: choice, correct: answers.includes(i) })),
  explanation,
});

const trueFalse = (topic: Topic, difficulty: Level, text: string, isTrue: boolean, explanation: string): BankQuestion => ({
  type: 'truefalse',
  topic,
  difficulty,
  text,
  choices: [
    { text: 'Đúng', correct: isTrue },
    { text: 'Sai', correct: !isTrue },
  ],
  explanation,
});

const AI: Topic = 'Trợ lý AI';
const AI_SAFETY: Topic = 'An toàn khi dùng AI';
const PUBLIC: Topic = 'Dịch vụ công trực tuyến';
const PAY: Topic = 'Thanh toán số';
const SCAM: Topic = 'Lừa đảo trực tuyến';
const DATA: Topic = 'Bảo vệ dữ liệu cá nhân';
const OFFICE: Topic = 'Công cụ số văn phòng';

// One question a line: Prettier would spread each over a dozen (1,500 lines for the bank).
// prettier-ignore
export const QUESTION_BANK: BankQuestion[] = [
  // Trợ lý AI
  one(AI, 1, 'Trợ lý AI như ChatGPT tạo ra câu trả lời chủ yếu bằng cách nào?', ['Dự đoán chuỗi từ phù hợp dựa trên dữ liệu đã học', 'Tra cứu một cơ sở dữ liệu luôn đúng', 'Hỏi ý kiến chuyên gia trước mỗi câu trả lời', 'Sao chép nguyên văn một trang web'], 0, 'Mô hình ngôn ngữ sinh văn bản bằng cách dự đoán từ tiếp theo; vì vậy câu trả lời nghe hợp lý nhưng không bảo đảm đúng.'),
  one(AI, 1, 'Hiện tượng AI "ảo giác" là gì?', ['AI bị nhiễm vi-rút', 'AI trả lời quá chậm', 'AI từ chối trả lời', 'AI đưa ra thông tin sai nhưng trình bày rất tự tin'], 3, 'AI có thể bịa ra số liệu, tên văn bản hay trích dẫn không có thật với giọng điệu chắc chắn, nên cần kiểm tra lại.'),
  one(AI, 1, 'Trước khi đưa số liệu do AI cung cấp vào báo cáo, cán bộ nên làm gì?', ['Dùng ngay vì AI đã tổng hợp', 'Làm tròn số cho đẹp', 'Đối chiếu với nguồn chính thức', 'Hỏi AI thêm một lần nữa là đủ'], 2, 'Số liệu trong văn bản của cơ quan phải có nguồn chính thức; AI chỉ là công cụ hỗ trợ, không phải nguồn xác thực.'),
  one(AI, 2, 'Câu lệnh (prompt) nào có khả năng cho kết quả tốt nhất?', ['"Viết thông báo."', '"Viết thông báo mời họp giao ban tuần, 8 giờ thứ Hai, phòng họp tầng 2, giọng trang trọng, dưới 150 chữ."', '"Viết thông báo họp."', '"Thông báo!!!"'], 1, 'Câu lệnh nêu rõ mục đích, thông tin cần có, giọng văn và độ dài giúp AI trả lời sát yêu cầu hơn.'),
  many(AI, 2, 'Những yếu tố nào nên có trong một câu lệnh rõ ràng cho trợ lý AI?', ['Mục đích của văn bản', 'Đối tượng người đọc', 'Độ dài hoặc định dạng mong muốn', 'Mật khẩu tài khoản của bạn'], [0, 1, 2], 'Mục đích, người đọc và định dạng giúp AI hiểu yêu cầu; mật khẩu thì không bao giờ được đưa vào.'),
  trueFalse(AI, 1, 'Văn bản do AI soạn có thể gửi đi ngay mà không cần người đọc lại.', false, 'Người ký hoặc người gửi chịu trách nhiệm về nội dung, nên phải đọc lại, sửa lỗi và kiểm tra thông tin trước khi dùng.'),
  one(AI, 2, 'Khi AI trích dẫn một văn bản pháp luật, cách kiểm tra phù hợp là gì?', ['Tin vì AI ghi rõ số hiệu', 'Bỏ qua vì không quan trọng', 'Hỏi đồng nghiệp có nhớ không', 'Tra số hiệu và nội dung trên cổng thông tin pháp luật chính thức'], 3, 'AI có thể ghi sai số hiệu, ngày ban hành hoặc nội dung điều khoản; cần tra cứu trên nguồn chính thức.'),
  one(AI, 2, 'Muốn AI tóm tắt một báo cáo dài cho lãnh đạo, cách yêu cầu nào hợp lý?', ['"Tóm tắt giúp tôi."', '"Tóm tắt thành 5 ý chính, mỗi ý một câu, nêu rõ số liệu quan trọng."', '"Viết lại toàn bộ báo cáo."', '"Đọc báo cáo này."'], 1, 'Nêu số ý, độ dài và trọng tâm giúp bản tóm tắt ngắn gọn, đúng nhu cầu người đọc.'),
  trueFalse(AI, 2, 'Có thể yêu cầu AI viết lại một đoạn văn theo giọng trang trọng hơn hoặc dễ hiểu hơn.', true, 'Điều chỉnh giọng văn, rút gọn hay diễn đạt lại là những việc trợ lý AI làm khá tốt, miễn là người dùng đọc lại kết quả.'),
  one(AI, 1, 'Nếu câu trả lời đầu tiên của AI chưa đúng ý, bạn nên làm gì?', ['Bỏ cuộc', 'Chuyển sang viết tay toàn bộ', 'Gõ lại đúng câu cũ nhiều lần', 'Bổ sung thông tin, nói rõ chỗ cần sửa và yêu cầu lại'], 3, 'Trao đổi nhiều lượt, góp ý cụ thể cho AI thường cho kết quả tốt hơn hẳn lần đầu.'),
  many(AI, 2, 'Việc nào trợ lý AI có thể hỗ trợ tốt trong công việc văn phòng?', ['Gợi ý dàn ý cho bài phát biểu', 'Soạn nháp email trả lời', 'Tự quyết định thay lãnh đạo', 'Giải thích một công thức Excel'], [0, 1, 3], 'AI hỗ trợ soạn nháp, gợi ý và giải thích; quyết định và trách nhiệm vẫn thuộc về con người.'),
  one(AI, 3, 'Vì sao AI có thể không biết các sự kiện mới xảy ra?', ['Vì AI chỉ hoạt động ban đêm', 'Vì AI không hiểu tiếng Việt', 'Vì dữ liệu huấn luyện có mốc thời gian, sau đó mô hình không tự biết thêm', 'Vì máy tính bị chậm'], 2, 'Mô hình học từ dữ liệu đến một thời điểm; nếu không được kết nối công cụ tra cứu, nó không biết sự kiện sau đó.'),
  trueFalse(AI, 1, 'Trợ lý AI có thể hiểu và trả lời bằng tiếng Việt.', true, 'Các trợ lý AI phổ biến hiện nay đều dùng được tiếng Việt, dù chất lượng có thể khác nhau tùy chủ đề.'),
  one(AI, 2, 'Cách nào giúp kiểm tra một câu trả lời quan trọng của AI?', ['Hỏi AI "bạn chắc chưa?"', 'Tin nếu câu trả lời dài', 'Yêu cầu nguồn rồi tự mở và đọc nguồn đó', 'Tin nếu có nhiều số liệu'], 2, 'AI có thể bịa nguồn; chỉ khi tự mở nguồn và thấy đúng nội dung thì mới tin được.'),
  many(AI, 3, 'Dấu hiệu nào cho thấy nên kiểm tra kỹ câu trả lời của AI?', ['Có số liệu, ngày tháng cụ thể', 'Trích dẫn tên văn bản, tên người', 'Liên quan đến pháp luật, y tế, tài chính', 'Chỉ là gợi ý tiêu đề cho bài viết'], [0, 1, 2], 'Số liệu, trích dẫn và lĩnh vực có hậu quả lớn cần kiểm chứng; gợi ý tiêu đề thì ít rủi ro hơn.'),
  one(AI, 1, 'Trong "Cuộc đua luyện AI", mục tiêu chính của cán bộ là gì?', ['Biết dùng AI đúng cách, an toàn để làm việc hiệu quả hơn', 'Thay thế đồng nghiệp bằng AI', 'Cấm dùng AI', 'Chỉ dùng AI để giải trí'], 0, 'Phong trào hướng tới kỹ năng số: dùng AI như công cụ hỗ trợ, hiệu quả và an toàn.'),
  trueFalse(AI, 2, 'Giao cho AI một "vai" (ví dụ: "Bạn là chuyên viên pháp chế") có thể giúp câu trả lời sát bối cảnh hơn.', true, 'Nêu vai trò và bối cảnh là một kỹ thuật viết câu lệnh phổ biến, giúp AI chọn giọng văn và nội dung phù hợp.'),
  one(AI, 3, 'Đưa cho AI một ví dụ mẫu trong câu lệnh thường giúp ích gì?', ['AI chạy nhanh hơn', 'AI không cần kết nối mạng', 'AI bắt chước đúng định dạng và phong cách mong muốn', 'AI tự lưu văn bản vào máy'], 2, 'Ví dụ mẫu cho AI thấy rõ kết quả cần có, nhất là về định dạng và cách trình bày.'),
  one(AI, 2, 'Khi nhờ AI dịch một văn bản chuyên ngành, điều nên làm là gì?', ['Gửi đi ngay bản dịch', 'Nhờ người biết chuyên môn rà soát thuật ngữ', 'Dịch ngược lại là đủ chứng minh', 'Chỉ dịch tiêu đề'], 1, 'Máy dịch có thể dùng sai thuật ngữ chuyên ngành; người có chuyên môn cần rà soát trước khi dùng chính thức.'),
  trueFalse(AI, 3, 'Nếu hỏi cùng một câu hai lần, trợ lý AI luôn trả lời giống hệt nhau.', false, 'Câu trả lời của AI có yếu tố ngẫu nhiên và phụ thuộc ngữ cảnh hội thoại, nên có thể khác nhau giữa các lần hỏi.'),
  one(AI, 1, 'Ai chịu trách nhiệm về một văn bản có dùng AI hỗ trợ khi văn bản đó được ban hành?', ['Công ty làm ra AI', 'Không ai cả', 'Người soạn và người ký ban hành văn bản', 'Người bán máy tính'], 2, 'AI chỉ là công cụ; trách nhiệm về nội dung văn bản thuộc về người soạn thảo và người ký.'),
  many(AI, 1, 'Những câu nào mô tả đúng trợ lý AI?', ['Có thể sai', 'Cần người dùng kiểm tra', 'Biết mọi điều một cách chính xác', 'Là công cụ hỗ trợ'], [0, 1, 3], 'AI hữu ích nhưng có thể sai, nên luôn cần con người kiểm tra và chịu trách nhiệm.'),

  // An toàn khi dùng AI
  one(AI_SAFETY, 1, 'Thông tin nào KHÔNG được dán vào công cụ AI công cộng?', ['Câu hỏi cách viết email lịch sự', 'Hồ sơ có số căn cước và địa chỉ của người dân', 'Yêu cầu gợi ý tiêu đề bài viết', 'Câu hỏi về cách dùng hàm SUM'], 1, 'Dữ liệu cá nhân của người dân phải được bảo vệ; đưa lên công cụ AI công cộng có thể làm lộ dữ liệu.'),
  trueFalse(AI_SAFETY, 1, 'Được phép dán nội dung văn bản mật vào trợ lý AI công cộng để nhờ tóm tắt.', false, 'Tài liệu mật tuyệt đối không được đưa lên dịch vụ bên ngoài; nội dung có thể bị lưu trữ hoặc dùng để huấn luyện.'),
  many(AI_SAFETY, 2, 'Trước khi nhờ AI xử lý một văn bản, cần xóa hoặc thay thế thông tin nào?', ['Họ tên, số căn cước của người dân', 'Số điện thoại, địa chỉ cá nhân', 'Số tài khoản ngân hàng', 'Tên chung của loại thủ tục hành chính'], [0, 1, 2], 'Ẩn danh dữ liệu cá nhân trước khi dùng AI giúp tránh lộ lọt; tên loại thủ tục thì không phải dữ liệu cá nhân.'),
  one(AI_SAFETY, 2, '"Deepfake" là gì?', ['Một loại phần mềm diệt vi-rút', 'Mạng xã hội mới', 'Hình ảnh, video hoặc giọng nói giả mạo được tạo bằng AI', 'Một loại mật khẩu mạnh'], 2, 'Deepfake dùng AI giả khuôn mặt hoặc giọng nói của người thật, thường bị dùng để lừa đảo.'),
  one(AI_SAFETY, 2, 'Nhận cuộc gọi video giống hệt người thân nhờ chuyển tiền gấp, bạn nên làm gì?', ['Chuyển ngay vì đã thấy mặt', 'Gửi mã OTP để họ tự chuyển', 'Gọi lại cho người thân qua số điện thoại quen thuộc để xác minh', 'Chuyển một nửa số tiền'], 2, 'Video có thể là deepfake; gọi lại bằng số quen thuộc là cách xác minh đơn giản và hiệu quả.'),
  trueFalse(AI_SAFETY, 2, 'Giọng nói trong cuộc gọi có thể bị AI giả mạo giống người quen.', true, 'Công nghệ nhân bản giọng nói chỉ cần vài giây ghi âm; không nên chỉ dựa vào giọng nói để tin một yêu cầu chuyển tiền.'),
  one(AI_SAFETY, 1, 'Khi cài ứng dụng AI trên điện thoại, nên tải từ đâu?', ['Kho ứng dụng chính thức (App Store, Google Play) và đúng nhà phát triển', 'Đường link lạ gửi qua tin nhắn', 'Trang web quảng cáo "bản miễn phí trọn đời"', 'Tệp cài đặt bạn bè gửi qua mạng xã hội'], 0, 'Ứng dụng giả mạo AI là chiêu thường gặp để cài mã độc; chỉ tải từ kho chính thức và kiểm tra nhà phát triển.'),
  many(AI_SAFETY, 3, 'Dấu hiệu nào có thể cho thấy một video là deepfake?', ['Khẩu hình không khớp lời nói', 'Ánh sáng, viền mặt bất thường', 'Người trong video yêu cầu chuyển tiền gấp, giữ bí mật', 'Video được đăng trên kênh chính thức của cơ quan và có nhiều báo đưa tin'], [0, 1, 2], 'Các lỗi hình ảnh và yêu cầu gấp, bí mật là dấu hiệu cảnh báo; nguồn chính thức được kiểm chứng thì đáng tin hơn.'),
  one(AI_SAFETY, 2, 'Cơ quan có quy định riêng về dùng AI, cán bộ nên làm gì?', ['Bỏ qua nếu thấy bất tiện', 'Tự đặt quy định riêng', 'Chỉ tuân thủ khi có người kiểm tra', 'Tuân thủ quy định và hỏi bộ phận phụ trách khi chưa rõ'], 3, 'Quy định nội bộ giúp bảo vệ dữ liệu và uy tín cơ quan; khi chưa rõ, hỏi đầu mối phụ trách công nghệ thông tin.'),
  trueFalse(AI_SAFETY, 1, 'Dùng AI để tạo ảnh giả mạo người khác nhằm bôi nhọ là hành vi vi phạm pháp luật.', true, 'Xúc phạm danh dự, uy tín người khác hay đưa tin sai sự thật đều bị pháp luật xử lý, dù dùng công cụ gì.'),
  one(AI_SAFETY, 3, 'Vì sao không nên dùng tài khoản AI dùng chung cho cả phòng với một mật khẩu?', ['Vì AI sẽ trả lời chậm', 'Vì AI chỉ cho một người dùng', 'Vì không kiểm soát được ai đã đưa dữ liệu gì vào và lịch sử hội thoại bị lộ cho mọi người', 'Vì tốn điện'], 2, 'Tài khoản dùng chung làm lộ lịch sử hội thoại và không truy được trách nhiệm; mỗi người nên dùng tài khoản riêng theo quy định.'),
  one(AI_SAFETY, 2, 'Cách an toàn để nhờ AI góp ý một đơn thư của công dân là gì?', ['Dán nguyên văn kèm họ tên, địa chỉ', 'Chụp ảnh đơn gửi cho AI', 'Thay thông tin cá nhân bằng ký hiệu (ví dụ: Ông A, xã X) rồi mới dán', 'Gửi cho AI qua email cá nhân'], 2, 'Ẩn danh giúp tận dụng AI mà không làm lộ thông tin của công dân.'),
  many(AI_SAFETY, 1, 'Những việc nào giúp dùng AI an toàn hơn?', ['Không nhập mật khẩu, mã OTP vào AI', 'Đọc kỹ quyền riêng tư của dịch vụ', 'Tắt lưu lịch sử nếu dịch vụ cho phép và quy định yêu cầu', 'Chia sẻ tài khoản cho người lạ'], [0, 1, 2], 'Giữ bí mật thông tin đăng nhập và hiểu cách dịch vụ dùng dữ liệu là nền tảng an toàn.'),
  trueFalse(AI_SAFETY, 2, 'Nội dung bạn nhập vào một số dịch vụ AI có thể được nhà cung cấp lưu lại.', true, 'Nhiều dịch vụ lưu hội thoại để vận hành hoặc cải tiến; vì thế không nhập thông tin nhạy cảm.'),
  one(AI_SAFETY, 1, 'Thấy trên mạng một đoạn video "lãnh đạo tỉnh phát biểu gây sốc", bạn nên làm gì trước khi chia sẻ?', ['Chia sẻ ngay cho nhanh', 'Gửi vào mọi nhóm chat', 'Thêm bình luận rồi chia sẻ', 'Kiểm tra nguồn chính thức và báo chí chính thống'], 3, 'Video có thể bị cắt ghép hoặc tạo bằng AI; chia sẻ tin giả có thể vi phạm pháp luật.'),
  one(AI_SAFETY, 3, 'Khi AI tạo hình ảnh cho tài liệu tuyên truyền, cần lưu ý gì?', ['Dùng ảnh người thật mà không xin phép', 'Ghi là ảnh chụp thật', 'Không cần kiểm tra', 'Tránh tạo hình người thật, kiểm tra nội dung không gây hiểu nhầm và ghi rõ ảnh minh họa'], 3, 'Ảnh AI không được gây hiểu nhầm là ảnh thật và không được xâm phạm hình ảnh của người khác.'),
  trueFalse(AI_SAFETY, 3, 'Tiện ích mở rộng (extension) AI trên trình duyệt có thể đọc được nội dung các trang bạn mở.', true, 'Nhiều tiện ích được cấp quyền đọc trang web; chỉ cài tiện ích đáng tin cậy và theo quy định của cơ quan.'),
  one(AI_SAFETY, 2, 'Một người lạ nhắn tin mời "khóa học AI kiếm tiền triệu mỗi ngày, chỉ cần nạp phí", đây có thể là gì?', ['Dấu hiệu lừa đảo lợi dụng trào lưu AI', 'Cơ hội tốt nên nạp ngay', 'Chương trình của cơ quan nhà nước', 'Quà tặng miễn phí'], 0, 'Lời hứa thu nhập cao, dễ dàng kèm yêu cầu nạp tiền là dấu hiệu lừa đảo điển hình.'),
  many(AI_SAFETY, 2, 'Những loại tài liệu nào không nên đưa vào công cụ AI công cộng?', ['Tài liệu mật, tài liệu nội bộ chưa công bố', 'Danh sách người dân kèm thông tin cá nhân', 'Bài báo đã đăng công khai', 'Hồ sơ sức khỏe của người khác'], [0, 1, 3], 'Tài liệu nội bộ, dữ liệu cá nhân và dữ liệu sức khỏe đều cần bảo vệ; bài báo công khai thì không.'),
  trueFalse(AI_SAFETY, 1, 'Ảnh chân dung đăng công khai trên mạng xã hội có thể bị kẻ xấu dùng để tạo deepfake.', true, 'Ảnh và video công khai là nguyên liệu cho deepfake; nên cân nhắc phạm vi chia sẻ.'),

  // Dịch vụ công trực tuyến
  one(PUBLIC, 1, 'Địa chỉ của Cổng Dịch vụ công quốc gia là gì?', ['dvc-quocgia.net', 'dichvucong.com', 'congdichvu.vn', 'dichvucong.gov.vn'], 3, 'Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn; các trang có tên miền khác có thể là giả mạo.'),
  one(PUBLIC, 1, 'Ứng dụng định danh điện tử quốc gia do Bộ Công an phát triển tên là gì?', ['VssID', 'VNeID', 'eTax Mobile', 'Zalo'], 1, 'VNeID là ứng dụng định danh và xác thực điện tử quốc gia; VssID là ứng dụng bảo hiểm xã hội số.'),
  trueFalse(PUBLIC, 1, 'Tài khoản định danh điện tử mức độ 2 được cấp qua đăng ký có kiểm tra trực tiếp tại cơ quan công an.', true, 'Mức 2 yêu cầu xác thực trực tiếp (đối chiếu khuôn mặt, thông tin) tại cơ quan công an, nên có giá trị sử dụng rộng hơn mức 1.'),
  one(PUBLIC, 2, 'Tên miền ".gov.vn" thường dùng cho trang web của ai?', ['Doanh nghiệp bán hàng', 'Trang web nước ngoài', 'Cá nhân bất kỳ', 'Cơ quan nhà nước Việt Nam'], 3, 'Tên miền .gov.vn dành cho cơ quan nhà nước; kiểm tra tên miền giúp tránh trang dịch vụ công giả mạo.'),
  many(PUBLIC, 2, 'Lợi ích của nộp hồ sơ thủ tục hành chính trực tuyến là gì?', ['Không phải đi lại nhiều lần', 'Theo dõi được tình trạng hồ sơ', 'Có thể nộp ngoài giờ hành chính', 'Không bao giờ cần bổ sung giấy tờ'], [0, 1, 2], 'Nộp trực tuyến tiết kiệm đi lại và cho phép theo dõi hồ sơ; tuy vậy hồ sơ vẫn có thể phải bổ sung nếu thiếu.'),
  trueFalse(PUBLIC, 2, 'Cán bộ tiếp nhận hồ sơ được phép đề nghị người dân cho biết mật khẩu tài khoản VNeID để làm hộ.', false, 'Mật khẩu và mã xác thực là bí mật của chủ tài khoản; cán bộ hướng dẫn người dân tự thao tác chứ không hỏi mật khẩu.'),
  one(PUBLIC, 1, 'Người dân cần hỗ trợ nộp hồ sơ trực tuyến có thể tìm đến đâu?', ['Người lạ trên mạng xã hội nhận làm hộ có phí', 'Bộ phận một cửa hoặc tổ công nghệ số cộng đồng ở địa phương', 'Trang web có tên miền lạ', 'Bất kỳ ai gọi điện tự giới thiệu'], 1, 'Bộ phận tiếp nhận và trả kết quả, tổ công nghệ số cộng đồng hỗ trợ người dân miễn phí, an toàn.'),
  one(PUBLIC, 2, 'Khi nhận được tin nhắn chứa đường link "cập nhật định danh điện tử" từ số lạ, bạn nên làm gì?', ['Không bấm, chỉ cập nhật qua ứng dụng VNeID chính thức hoặc cơ quan công an', 'Bấm vào link và làm theo', 'Chuyển tiếp cho người thân', 'Trả lời tin nhắn để hỏi'], 0, 'Kẻ gian giả danh để dụ cài ứng dụng giả; mọi thao tác định danh chỉ làm qua ứng dụng chính thức hoặc trực tiếp tại cơ quan công an.'),
  trueFalse(PUBLIC, 1, 'Có thể tra cứu tình trạng giải quyết hồ sơ đã nộp trên Cổng Dịch vụ công.', true, 'Cổng cho phép người dân theo dõi hồ sơ bằng tài khoản hoặc mã hồ sơ được cấp.'),
  many(PUBLIC, 3, 'Những việc nào có thể thực hiện với tài khoản VNeID mức độ 2?', ['Đăng nhập Cổng Dịch vụ công quốc gia', 'Xuất trình thông tin giấy tờ tích hợp trên ứng dụng khi được chấp nhận', 'Làm thay mọi thủ tục cho người khác mà không cần ủy quyền', 'Xem thông tin cư trú của bản thân'], [0, 1, 3], 'Tài khoản mức 2 dùng để đăng nhập dịch vụ công, xuất trình giấy tờ tích hợp và xem thông tin của chính mình; không dùng để làm thay người khác trái quy định.'),
  one(PUBLIC, 1, 'Khi hướng dẫn người cao tuổi dùng dịch vụ công trực tuyến, cách làm tốt là gì?', ['Làm hộ và giữ luôn mật khẩu', 'Bảo họ nhờ người lạ', 'Hướng dẫn từng bước, để người dân tự thao tác và tự giữ mật khẩu', 'Khuyên không nên dùng'], 2, 'Người dân cần tự làm chủ tài khoản của mình; cán bộ và tình nguyện viên hướng dẫn, không giữ mật khẩu hộ.'),
  trueFalse(PUBLIC, 3, 'Mọi thủ tục hành chính đều bắt buộc phải nộp trực tuyến, không còn được nộp trực tiếp.', false, 'Người dân vẫn có thể nộp trực tiếp hoặc qua bưu chính tùy thủ tục; nộp trực tuyến được khuyến khích vì tiện lợi.'),
  one(PUBLIC, 2, 'Để tránh trang dịch vụ công giả mạo, nên truy cập bằng cách nào?', ['Tự gõ đúng địa chỉ hoặc dùng đường dẫn trên trang chính thức của cơ quan', 'Bấm link trong quảng cáo', 'Tìm và bấm kết quả đầu tiên có chữ "dịch vụ công"', 'Bấm link trong tin nhắn lạ'], 0, 'Trang giả thường lợi dụng quảng cáo và tin nhắn; tự gõ địa chỉ đúng là cách an toàn nhất.'),
  many(PUBLIC, 2, 'Thông tin nào cần kiểm tra trước khi bấm "nộp hồ sơ" trực tuyến?', ['Họ tên, số định danh đúng', 'Giấy tờ đính kèm đúng và rõ nét', 'Địa chỉ nhận kết quả', 'Màu sắc giao diện trang web'], [0, 1, 2], 'Sai thông tin hoặc thiếu giấy tờ khiến hồ sơ bị trả lại; giao diện không ảnh hưởng kết quả.'),
  one(PUBLIC, 3, 'Số định danh cá nhân của công dân Việt Nam có bao nhiêu chữ số?', ['9', '10', '15', '12'], 3, 'Số định danh cá nhân gồm 12 chữ số, cũng là số trên thẻ căn cước.'),
  trueFalse(PUBLIC, 2, 'Thanh toán phí, lệ phí thủ tục hành chính có thể thực hiện trực tuyến trên Cổng Dịch vụ công.', true, 'Cổng Dịch vụ công quốc gia có chức năng thanh toán trực tuyến cho nhiều loại phí, lệ phí.'),
  one(PUBLIC, 1, 'Phong trào "Bình dân học vụ số" hướng tới điều gì?', ['Bán điện thoại thông minh', 'Chỉ đào tạo lập trình viên', 'Thay thế trường học', 'Phổ cập kiến thức và kỹ năng số cho mọi người dân'], 3, 'Phong trào nhằm phổ cập kỹ năng số cơ bản cho người dân và cán bộ, để không ai bị bỏ lại phía sau.'),
  one(PUBLIC, 2, 'Khi nộp hồ sơ trực tuyến bị yêu cầu bổ sung, người dân thường được thông báo qua đâu?', ['Qua quảng cáo trên mạng', 'Qua người lạ gọi điện đòi phí', 'Không có thông báo', 'Qua tài khoản trên cổng dịch vụ công, tin nhắn hoặc email đã đăng ký'], 3, 'Thông báo chính thức gửi qua tài khoản và kênh liên lạc đã đăng ký; ai gọi điện đòi phí "xử lý nhanh" cần cảnh giác.'),
  trueFalse(PUBLIC, 1, 'Người dân có thể dùng điện thoại thông minh để nộp nhiều thủ tục hành chính.', true, 'Cổng dịch vụ công và ứng dụng VNeID dùng được trên điện thoại, giúp người dân làm thủ tục mọi lúc mọi nơi.'),
  many(PUBLIC, 3, 'Dấu hiệu nào cho thấy một trang "dịch vụ công" có thể là giả mạo?', ['Tên miền không phải .gov.vn', 'Yêu cầu nhập mã OTP ngân hàng để "xác thực hồ sơ"', 'Được gửi qua tin nhắn từ số lạ', 'Có đường dẫn từ trang chính thức của UBND'], [0, 1, 2], 'Tên miền lạ, đòi OTP ngân hàng và link từ số lạ là dấu hiệu giả mạo; link từ trang chính thức thì đáng tin hơn.'),

  // Thanh toán số
  one(PAY, 1, 'VietQR là gì?', ['Một mạng xã hội', 'Chuẩn mã QR chung để chuyển khoản giữa các ngân hàng', 'Một loại thẻ tín dụng', 'Một ứng dụng gọi xe'], 1, 'VietQR là chuẩn QR dùng chung, cho phép quét bằng ứng dụng của nhiều ngân hàng để chuyển tiền.'),
  one(PAY, 1, 'Trước khi xác nhận chuyển tiền bằng mã QR ở chợ, cần kiểm tra gì?', ['Tên người nhận hiện trên ứng dụng ngân hàng có đúng người bán không', 'Màu của mã QR', 'Kích thước tờ giấy', 'Giờ trong ngày'], 0, 'Kẻ gian có thể dán mã QR khác đè lên mã của người bán; tên người nhận phải khớp trước khi xác nhận.'),
  trueFalse(PAY, 1, 'Ngân hàng có thể gọi điện hỏi mã OTP của khách hàng để "xác minh tài khoản".', false, 'Ngân hàng không bao giờ hỏi mã OTP; ai hỏi OTP là kẻ lừa đảo.'),
  many(PAY, 2, 'Việc nào giúp dùng ứng dụng ngân hàng an toàn?', ['Đặt mã khóa màn hình điện thoại', 'Bật xác thực sinh trắc học theo hướng dẫn của ngân hàng', 'Tải ứng dụng từ kho chính thức', 'Gửi ảnh thẻ ngân hàng cho người lạ'], [0, 1, 2], 'Khóa màn hình, sinh trắc học và ứng dụng chính thức giúp bảo vệ tài khoản; không chia sẻ thông tin thẻ.'),
  one(PAY, 2, 'Mã OTP dùng để làm gì?', ['Mật khẩu dùng lâu dài', 'Mã khuyến mãi', 'Số tài khoản ngân hàng', 'Mã xác thực dùng một lần cho một giao dịch hoặc lần đăng nhập'], 3, 'OTP là mã dùng một lần, có hiệu lực ngắn, để xác nhận chính chủ thực hiện giao dịch.'),
  trueFalse(PAY, 2, 'Người bán hàng nên in và dán mã QR ở nơi dễ thấy, đồng thời thỉnh thoảng kiểm tra xem có bị dán đè không.', true, 'Kiểm tra mã QR định kỳ giúp phát hiện việc kẻ gian dán mã khác lên để nhận tiền.'),
  one(PAY, 1, 'Nhận được tiền chuyển nhầm vào tài khoản, cách xử lý đúng là gì?', ['Giữ luôn', 'Chuyển lại theo số điện thoại người lạ gọi đến', 'Liên hệ ngân hàng của mình để hoàn trả theo đúng quy trình', 'Rút tiền mặt ra'], 2, 'Kẻ gian hay "chuyển nhầm" rồi đòi lại kèm lãi hoặc lừa đảo; hãy làm việc qua ngân hàng.'),
  many(PAY, 2, 'Lợi ích của thanh toán không dùng tiền mặt là gì?', ['Nhanh, không cần trả tiền lẻ', 'Có lịch sử giao dịch để đối chiếu', 'Giảm rủi ro mang nhiều tiền mặt', 'Không bao giờ cần cảnh giác lừa đảo'], [0, 1, 2], 'Thanh toán số tiện lợi và minh bạch, nhưng vẫn cần cảnh giác với các chiêu lừa đảo.'),
  one(PAY, 3, 'Một trang web bán hàng yêu cầu nhập số thẻ, ngày hết hạn và mã CVV rồi gửi OTP, dấu hiệu nào cho thấy có thể là trang giả?', ['Có ảnh sản phẩm', 'Có giỏ hàng', 'Tên miền lạ, giá rẻ bất thường và không có thông tin doanh nghiệp', 'Có nút "Mua ngay"'], 2, 'Trang giả thường có tên miền lạ, giá rẻ bất thường và thiếu thông tin pháp lý; tuyệt đối không nhập thông tin thẻ ở đó.'),
  trueFalse(PAY, 1, 'Ví điện tử cần được liên kết với tài khoản ngân hàng đứng tên chính chủ.', true, 'Quy định yêu cầu ví điện tử liên kết với tài khoản ngân hàng của chính người dùng ví.'),
  one(PAY, 2, 'Khi mất điện thoại có cài ứng dụng ngân hàng, việc đầu tiên nên làm là gì?', ['Chờ vài ngày xem có ai trả lại', 'Đăng lên mạng xã hội', 'Gọi tổng đài ngân hàng để tạm khóa tài khoản, dịch vụ ngân hàng điện tử', 'Mua điện thoại mới rồi tính sau'], 2, 'Khóa nhanh dịch vụ giúp tránh kẻ gian lợi dụng; sau đó khôi phục khi có thiết bị mới.'),
  many(PAY, 3, 'Thông tin nào cần giữ bí mật tuyệt đối?', ['Mã OTP', 'Mật khẩu ứng dụng ngân hàng', 'Mã CVV mặt sau thẻ', 'Tên ngân hàng bạn đang dùng'], [0, 1, 2], 'OTP, mật khẩu và CVV cho phép thực hiện giao dịch; tên ngân hàng thì không phải thông tin bí mật.'),
  one(PAY, 1, 'Quét mã QR để thanh toán cần dùng ứng dụng nào?', ['Ứng dụng do người lạ gửi', 'Ứng dụng chụp ảnh bất kỳ rồi bấm link', 'Ứng dụng ngân hàng hoặc ví điện tử chính thức của bạn', 'Trình duyệt web ẩn danh'], 2, 'Quét bằng ứng dụng ngân hàng, ví điện tử chính thức giúp hiện đúng người nhận và an toàn hơn.'),
  trueFalse(PAY, 3, 'Chỉ cần thấy ảnh chụp màn hình "chuyển khoản thành công" là người bán có thể yên tâm đã nhận tiền.', false, 'Ảnh chụp màn hình có thể bị làm giả; người bán cần kiểm tra biến động số dư trong tài khoản của mình.'),
  one(PAY, 2, 'Khi chuyển khoản, nội dung chuyển tiền nên ghi thế nào?', ['Để trống', 'Ghi mã OTP', 'Ghi mật khẩu để người nhận xác minh', 'Ghi rõ mục đích, ví dụ "Nộp tiền hội phí tháng 6 - Nguyễn Văn A"'], 3, 'Nội dung rõ ràng giúp đối chiếu sau này; tuyệt đối không ghi mật khẩu hay OTP.'),
  many(PAY, 1, 'Những cách thanh toán nào là thanh toán số?', ['Quét mã QR bằng ứng dụng ngân hàng', 'Chuyển khoản qua ứng dụng', 'Thanh toán bằng ví điện tử', 'Trả bằng tiền mặt'], [0, 1, 2], 'QR, chuyển khoản và ví điện tử đều là thanh toán không dùng tiền mặt.'),
  one(PAY, 3, 'Vì sao không nên dùng Wi-Fi công cộng không mật khẩu để giao dịch ngân hàng?', ['Vì Wi-Fi công cộng luôn chậm', 'Vì tốn pin', 'Vì ngân hàng cấm dùng Wi-Fi', 'Vì kẻ gian có thể dựng mạng giả để theo dõi hoặc đánh cắp thông tin'], 3, 'Mạng Wi-Fi mở có thể bị giả mạo; giao dịch quan trọng nên dùng dữ liệu di động hoặc mạng tin cậy.'),
  trueFalse(PAY, 2, 'Nên bật thông báo biến động số dư để sớm phát hiện giao dịch lạ.', true, 'Thông báo tức thời giúp phát hiện sớm giao dịch không phải của mình để báo ngân hàng kịp thời.'),
  one(PAY, 1, 'Người bán ở chợ muốn nhận tiền qua QR cần chuẩn bị gì?', ['Giấy phép của bộ', 'Một máy tính tiền đắt tiền', 'Một tài khoản ngân hàng hoặc ví điện tử chính chủ và mã QR của tài khoản đó', 'Không cần gì'], 2, 'Chỉ cần tài khoản chính chủ và mã QR do ngân hàng, ví điện tử cấp là có thể nhận tiền.'),
  one(PAY, 2, 'Hạn mức chuyển tiền trong ngày trên ứng dụng ngân hàng có tác dụng gì?', ['Làm chậm giao dịch vô ích', 'Giới hạn thiệt hại nếu tài khoản bị kẻ gian chiếm quyền', 'Tăng lãi suất', 'Giảm phí thường niên'], 1, 'Đặt hạn mức phù hợp nhu cầu giúp hạn chế số tiền có thể bị mất khi tài khoản bị lộ.'),

  // Lừa đảo trực tuyến
  one(SCAM, 1, 'Có người gọi điện xưng là công an, nói bạn liên quan vụ án và yêu cầu chuyển tiền để "xác minh". Bạn nên làm gì?', ['Chuyển tiền ngay', 'Dừng cuộc gọi, không chuyển tiền và liên hệ cơ quan công an nơi cư trú', 'Cung cấp số tài khoản', 'Làm theo hướng dẫn cài ứng dụng'], 1, 'Công an không giải quyết vụ việc qua điện thoại và không yêu cầu chuyển tiền để xác minh.'),
  trueFalse(SCAM, 1, 'Công an làm việc với người dân qua cuộc gọi video và yêu cầu chuyển tiền vào "tài khoản tạm giữ".', false, 'Không có "tài khoản tạm giữ" nào như vậy; đây là kịch bản lừa đảo quen thuộc.'),
  many(SCAM, 2, 'Dấu hiệu nào thường gặp trong tin nhắn lừa đảo?', ['Thúc giục làm ngay kẻo "bị khóa tài khoản"', 'Chứa đường link lạ', 'Yêu cầu cung cấp OTP hoặc mật khẩu', 'Gửi từ tổng đài chính thức và không kèm link'], [0, 1, 2], 'Thúc ép, link lạ và đòi OTP là dấu hiệu lừa đảo điển hình.'),
  one(SCAM, 2, 'Lời mời "làm cộng tác viên, bấm thích sản phẩm nhận hoa hồng, nạp tiền để nhận nhiệm vụ lớn" là gì?', ['Chiêu lừa "việc nhẹ lương cao"', 'Việc làm thêm uy tín', 'Chương trình khuyến mãi của ngân hàng', 'Khảo sát của nhà nước'], 0, 'Kẻ gian trả thưởng nhỏ lúc đầu để tạo lòng tin, sau đó đòi nạp tiền lớn rồi chiếm đoạt.'),
  one(SCAM, 1, 'Nhận tin nhắn trúng thưởng xe máy, yêu cầu nộp phí để nhận giải, bạn nên làm gì?', ['Nộp phí ngay', 'Gửi ảnh căn cước', 'Bỏ qua, không nộp tiền và không cung cấp thông tin', 'Bấm link đăng ký nhận quà'], 2, 'Giải thưởng thật không yêu cầu nộp phí qua chuyển khoản cho người lạ; đây là lừa đảo.'),
  trueFalse(SCAM, 2, 'Kẻ gian có thể làm giả số điện thoại hiển thị hoặc tên người gửi tin nhắn giống ngân hàng.', true, 'Tin nhắn giả mạo thương hiệu có thể hiện trong cùng luồng với tin thật; không bấm link lạ trong tin nhắn.'),
  one(SCAM, 2, 'Một người quen nhắn Facebook hỏi mượn tiền gấp, cách xác minh tốt nhất là gì?', ['Gọi điện trực tiếp cho người đó qua số quen thuộc', 'Chuyển ngay vì là người quen', 'Hỏi thêm qua tin nhắn', 'Chuyển cho số tài khoản họ gửi'], 0, 'Tài khoản mạng xã hội có thể bị chiếm; gọi điện trực tiếp giúp biết chắc có đúng người quen nhờ hay không.'),
  many(SCAM, 3, 'Những lời mời đầu tư nào có dấu hiệu lừa đảo?', ['Cam kết lợi nhuận rất cao, không rủi ro', 'Yêu cầu kéo thêm người tham gia để hưởng hoa hồng', 'Không có thông tin doanh nghiệp, giấy phép rõ ràng', 'Công ty niêm yết công khai báo cáo tài chính được kiểm toán'], [0, 1, 2], 'Lợi nhuận "chắc chắn" cao, mô hình đa cấp và thiếu pháp lý là dấu hiệu lừa đảo.'),
  one(SCAM, 1, 'Khi lỡ cung cấp mã OTP cho kẻ gian, việc cần làm ngay là gì?', ['Chờ xem có mất tiền không', 'Xóa tin nhắn', 'Gọi ngay tổng đài ngân hàng để khóa tài khoản và báo công an', 'Đổi ảnh đại diện'], 2, 'Hành động càng nhanh càng có cơ hội ngăn giao dịch; sau đó trình báo cơ quan công an.'),
  trueFalse(SCAM, 1, 'Không nên cài ứng dụng theo đường link do người lạ gửi, kể cả khi họ xưng là cán bộ.', true, 'Ứng dụng giả có thể chiếm quyền điều khiển điện thoại, đọc tin nhắn OTP và rút tiền.'),
  one(SCAM, 3, 'Kẻ gian "chuyển nhầm" tiền vào tài khoản bạn rồi gọi đòi lại qua một số tài khoản khác. Vì sao không nên làm theo?', ['Vì sẽ mất phí chuyển khoản', 'Vì có thể là bẫy: tiền có nguồn gốc từ lừa đảo hoặc sau đó bị đòi thêm "lãi"', 'Vì ngân hàng cấm chuyển tiền', 'Vì không lịch sự'], 1, 'Hoàn trả phải qua ngân hàng; chuyển theo yêu cầu của người lạ có thể khiến bạn dính vào đường dây lừa đảo.'),
  many(SCAM, 1, 'Khi nghi ngờ bị lừa đảo, bạn có thể làm gì?', ['Dừng giao dịch, không cung cấp thêm thông tin', 'Báo ngân hàng của mình', 'Trình báo cơ quan công an', 'Chuyển thêm tiền để "lấy lại tiền cũ"'], [0, 1, 2], 'Dừng lại, báo ngân hàng và công an; kẻ gian thường dụ chuyển thêm tiền với lời hứa hoàn trả.'),
  one(SCAM, 2, 'Tin nhắn báo "tài khoản điện thoại sắp bị khóa, bấm link để chuẩn hóa thông tin" thường là gì?', ['Thông báo chính thức cần làm ngay', 'Tin nhắn lừa đảo dụ truy cập trang giả', 'Tin quảng cáo vô hại', 'Tin của cơ quan thuế'], 1, 'Nhà mạng và cơ quan nhà nước không yêu cầu bấm link lạ để chuẩn hóa thông tin.'),
  trueFalse(SCAM, 2, 'Người cao tuổi là đối tượng kẻ gian thường nhắm tới, nên con cháu cần chia sẻ các chiêu lừa mới.', true, 'Người cao tuổi ít tiếp xúc công nghệ dễ bị lừa; chia sẻ thông tin giúp cả gia đình cảnh giác.'),
  one(SCAM, 3, 'Một trang tuyển dụng yêu cầu ứng viên nộp "phí hồ sơ" qua chuyển khoản trước khi phỏng vấn. Bạn nên nghĩ gì?', ['Có dấu hiệu lừa đảo, cần kiểm tra kỹ doanh nghiệp và không chuyển tiền', 'Đó là quy định bình thường', 'Nên chuyển sớm để được ưu tiên', 'Chuyển một nửa phí'], 0, 'Thu phí trước của người xin việc là dấu hiệu lừa đảo phổ biến.'),
  many(SCAM, 2, 'Chiêu lừa nào lợi dụng tên cơ quan nhà nước?', ['Giả danh công an yêu cầu chuyển tiền', 'Giả danh cán bộ thuế, bảo hiểm xã hội đề nghị cài ứng dụng lạ', 'Giả danh điện lực báo cắt điện, yêu cầu chuyển tiền ngay', 'Thông báo lịch họp tổ dân phố trên loa phường'], [0, 1, 2], 'Kẻ gian hay mạo danh cơ quan để tạo sợ hãi; loa phường thông báo lịch họp là hoạt động bình thường.'),
  one(SCAM, 1, 'Khi bị ép "làm ngay, không được kể với ai", đó là dấu hiệu gì?', ['Thủ tục khẩn cấp hợp lệ', 'Quy định của cơ quan công an', 'Yêu cầu bảo mật của ngân hàng', 'Dấu hiệu thao túng tâm lý của kẻ lừa đảo'], 3, 'Kẻ gian cô lập nạn nhân để họ không kịp hỏi ý kiến người khác; hãy dừng lại và hỏi người tin cậy.'),
  trueFalse(SCAM, 3, 'Trang web có biểu tượng ổ khóa (https) thì chắc chắn không phải trang lừa đảo.', false, 'Ổ khóa chỉ cho biết kết nối được mã hóa; trang lừa đảo cũng có thể có https. Cần kiểm tra tên miền.'),
  one(SCAM, 2, 'Một tài khoản mạng xã hội bán vé máy bay giá rẻ bất thường, yêu cầu chuyển khoản trước vào tài khoản cá nhân. Nên làm gì?', ['Mua qua kênh chính thức của hãng hoặc đại lý được công nhận', 'Chuyển ngay kẻo hết vé', 'Chuyển tiền cọc một nửa', 'Nhờ bạn chuyển giúp'], 0, 'Vé giá rẻ bất thường và tài khoản cá nhân là dấu hiệu lừa đảo; mua qua kênh chính thức.'),
  one(SCAM, 1, 'Mật khẩu, mã OTP nên chia sẻ với ai?', ['Không chia sẻ với bất kỳ ai', 'Cán bộ công an gọi đến', 'Nhân viên ngân hàng gọi đến', 'Người thân khi họ nhắn tin hỏi'], 0, 'Mật khẩu và OTP là chìa khóa tài khoản; không ai có quyền hỏi, kể cả người tự xưng là ngân hàng hay công an.'),
  many(SCAM, 3, 'Khi giúp người dân bị lừa đảo trình báo, cần giữ lại những gì?', ['Ảnh chụp tin nhắn, cuộc trò chuyện', 'Số điện thoại, tài khoản mạng xã hội của kẻ gian', 'Thông tin giao dịch chuyển tiền', 'Không cần giữ gì, xóa hết cho gọn'], [0, 1, 2], 'Bằng chứng giúp cơ quan chức năng điều tra và ngân hàng phối hợp xử lý.'),

  // Bảo vệ dữ liệu cá nhân
  one(DATA, 2, 'Nghị định nào của Chính phủ quy định về bảo vệ dữ liệu cá nhân, ban hành năm 2023?', ['Không có nghị định nào', 'Nghị định 100/2023/NĐ-CP', 'Nghị định 01/2023/NĐ-CP', 'Nghị định 13/2023/NĐ-CP'], 3, 'Nghị định 13/2023/NĐ-CP quy định về bảo vệ dữ liệu cá nhân.'),
  many(DATA, 1, 'Thông tin nào là dữ liệu cá nhân?', ['Họ tên và số căn cước', 'Số điện thoại, địa chỉ nhà', 'Ảnh chân dung', 'Nhiệt độ trung bình của Hà Nội'], [0, 1, 2], 'Dữ liệu giúp xác định một người cụ thể là dữ liệu cá nhân; số liệu thời tiết thì không.'),
  one(DATA, 1, 'Mật khẩu nào mạnh nhất?', ['123456', 'Lua-Ha-Mo#2025!Xanh', 'matkhau', 'ngaysinh1990'], 1, 'Mật khẩu mạnh dài, kết hợp chữ hoa, chữ thường, số và ký hiệu, không dùng thông tin dễ đoán.'),
  trueFalse(DATA, 1, 'Nên dùng một mật khẩu giống nhau cho tất cả tài khoản để dễ nhớ.', false, 'Nếu một nơi bị lộ, kẻ gian sẽ thử mật khẩu đó ở mọi nơi; mỗi tài khoản nên có mật khẩu riêng.'),
  one(DATA, 2, 'Xác thực hai lớp (2FA) là gì?', ['Đặt hai mật khẩu giống nhau', 'Ngoài mật khẩu còn cần thêm một yếu tố như mã OTP hoặc ứng dụng xác thực', 'Đăng nhập trên hai máy cùng lúc', 'Mật khẩu có hai chữ số'], 1, 'Lớp thứ hai giúp tài khoản vẫn an toàn khi mật khẩu bị lộ.'),
  many(DATA, 2, 'Việc nào giúp bảo vệ dữ liệu cá nhân trên mạng xã hội?', ['Giới hạn người xem bài đăng', 'Không đăng ảnh căn cước, vé máy bay có mã', 'Cẩn trọng với trò chơi "nhập ngày sinh để xem tính cách"', 'Công khai số điện thoại cho mọi người'], [0, 1, 2], 'Hạn chế chia sẻ và cẩn trọng với trò chơi thu thập thông tin giúp tránh bị lợi dụng.'),
  trueFalse(DATA, 2, 'Cán bộ chỉ được thu thập và sử dụng dữ liệu cá nhân của người dân đúng mục đích công việc.', true, 'Xử lý dữ liệu cá nhân phải có mục đích rõ ràng, hợp pháp; dùng sai mục đích là vi phạm.'),
  one(DATA, 1, 'Email "phishing" (thư lừa đảo) thường nhằm mục đích gì?', ['Lừa người nhận nhập mật khẩu hoặc tải tệp độc hại', 'Chúc mừng sinh nhật', 'Gửi bản tin thời tiết', 'Mời họp chính thức'], 0, 'Thư lừa đảo giả dạng thư quen thuộc để đánh cắp thông tin đăng nhập hoặc cài mã độc.'),
  one(DATA, 2, 'Khi cần gửi danh sách có thông tin cá nhân qua email, cách làm an toàn hơn là gì?', ['Chỉ gửi đúng người cần, dùng hệ thống thư công vụ và đặt mật khẩu cho tệp nếu quy định yêu cầu', 'Gửi cho cả nhóm lớn cho tiện', 'Đăng lên mạng xã hội rồi gửi link', 'Gửi qua email cá nhân miễn phí'], 0, 'Giới hạn người nhận và dùng kênh chính thức giảm nguy cơ lộ lọt dữ liệu.'),
  trueFalse(DATA, 3, 'Vứt hồ sơ giấy có thông tin cá nhân vào thùng rác mà không hủy cũng có thể làm lộ dữ liệu.', true, 'Bảo vệ dữ liệu cá nhân áp dụng cả với giấy tờ; hồ sơ hết hạn cần được hủy đúng quy định.'),
  many(DATA, 3, 'Dấu hiệu nào cho thấy một email có thể là thư lừa đảo?', ['Địa chỉ gửi gần giống nhưng sai vài ký tự so với địa chỉ thật', 'Thúc giục đăng nhập ngay qua đường link', 'Tệp đính kèm lạ có đuôi .exe hoặc tệp nén bất thường', 'Email từ đồng nghiệp quen, nội dung đúng công việc đã trao đổi'], [0, 1, 2], 'Địa chỉ giả, link thúc giục và tệp lạ là dấu hiệu lừa đảo.'),
  one(DATA, 1, 'Nên làm gì khi rời máy tính ở cơ quan một lúc?', ['Để nguyên màn hình đang mở', 'Khóa màn hình (ví dụ phím Windows + L)', 'Tắt màn hình bằng nút nguồn màn hình nhưng vẫn đăng nhập', 'Nhờ người lạ trông'], 1, 'Khóa màn hình ngăn người khác xem hoặc dùng tài khoản của bạn.'),
  trueFalse(DATA, 2, 'Cập nhật hệ điều hành và phần mềm giúp vá các lỗ hổng bảo mật.', true, 'Các bản cập nhật thường sửa lỗi bảo mật mà kẻ tấn công có thể lợi dụng.'),
  one(DATA, 3, 'Phần mềm tống tiền (ransomware) gây hại thế nào?', ['Làm máy chạy nhanh hơn', 'Chặn quảng cáo', 'Tự động sao lưu dữ liệu', 'Mã hóa dữ liệu và đòi tiền chuộc để mở khóa'], 3, 'Ransomware khóa dữ liệu và đòi tiền; sao lưu định kỳ và cảnh giác với tệp lạ là cách phòng tránh.'),
  many(DATA, 1, 'Những việc nào giúp tài khoản an toàn hơn?', ['Bật xác thực hai lớp', 'Dùng mật khẩu dài và khác nhau cho mỗi tài khoản', 'Đăng xuất khi dùng máy tính chung', 'Ghi mật khẩu lên giấy dán cạnh màn hình'], [0, 1, 2], 'Xác thực hai lớp, mật khẩu riêng và đăng xuất giúp bảo vệ tài khoản; dán mật khẩu lên màn hình thì ngược lại.'),
  one(DATA, 2, 'USB lạ nhặt được ở hành lang cơ quan nên xử lý thế nào?', ['Không cắm vào máy, giao cho bộ phận phụ trách công nghệ thông tin', 'Cắm vào máy xem có gì', 'Cắm vào máy của đồng nghiệp', 'Mang về nhà dùng'], 0, 'USB lạ có thể chứa mã độc; không cắm vào máy tính làm việc.'),
  trueFalse(DATA, 1, 'Chia sẻ ảnh căn cước lên mạng xã hội là an toàn nếu che một phần nhỏ.', false, 'Ảnh giấy tờ tùy thân có thể bị dùng để mở tài khoản hay vay tiền giả mạo; không nên đăng công khai.'),
  one(DATA, 3, 'Nguyên tắc "tối thiểu dữ liệu" nghĩa là gì?', ['Thu thập càng nhiều dữ liệu càng tốt', 'Chỉ thu thập và giữ những dữ liệu cá nhân thực sự cần cho mục đích đã nêu', 'Không bao giờ lưu dữ liệu', 'Xóa dữ liệu mỗi ngày'], 1, 'Thu thập ít dữ liệu hơn thì ít rủi ro lộ lọt hơn và đúng tinh thần bảo vệ dữ liệu cá nhân.'),
  many(DATA, 2, 'Khi người dân đề nghị xem lại dữ liệu cá nhân của họ mà cơ quan đang lưu, cán bộ nên làm gì?', ['Tiếp nhận và xử lý theo quy định', 'Xác minh đúng người yêu cầu', 'Cung cấp dữ liệu của người khác kèm theo', 'Hướng dẫn thủ tục nếu cần'], [0, 1, 3], 'Chủ thể dữ liệu có quyền được biết về dữ liệu của mình; phải xác minh danh tính và không làm lộ dữ liệu người khác.'),
  one(DATA, 1, 'Trò chơi trên mạng hỏi "tên thú cưng đầu tiên, tên trường tiểu học của bạn" có thể nguy hiểm vì sao?', ['Vì tốn thời gian', 'Vì làm chậm mạng', 'Vì đó thường là câu hỏi bảo mật để khôi phục tài khoản', 'Vì vi phạm bản quyền'], 2, 'Kẻ gian thu thập câu trả lời để đoán câu hỏi bảo mật và chiếm tài khoản.'),

  // Công cụ số văn phòng
  one(OFFICE, 1, 'Trong bảng tính Excel, hàm nào dùng để tính tổng một dãy ô?', ['COUNT', 'MAX', 'AVERAGE', 'SUM'], 3, 'SUM cộng các giá trị; COUNT đếm, AVERAGE tính trung bình, MAX tìm giá trị lớn nhất.'),
  one(OFFICE, 1, 'Khi gửi email cho nhiều người không quen biết nhau, nên đặt địa chỉ của họ ở đâu để không lộ danh sách?', ['To', 'Bcc', 'Cc', 'Tiêu đề'], 1, 'Người nhận trong Bcc không thấy địa chỉ của nhau, giúp bảo vệ thông tin liên lạc.'),
  trueFalse(OFFICE, 1, 'Sao lưu dữ liệu quan trọng ra một nơi khác giúp không mất dữ liệu khi máy tính hỏng.', true, 'Sao lưu định kỳ (ổ cứng ngoài, lưu trữ của cơ quan) là cách phòng mất dữ liệu do hỏng máy hay mã độc.'),
  many(OFFICE, 2, 'Ưu điểm của soạn thảo tài liệu dùng chung trực tuyến là gì?', ['Nhiều người cùng sửa một lúc', 'Có lịch sử phiên bản để xem ai sửa gì', 'Không phải gửi đi gửi lại nhiều tệp', 'Không cần phân quyền truy cập'], [0, 1, 2], 'Tài liệu dùng chung thuận tiện cho làm việc nhóm, nhưng vẫn cần phân quyền đúng người.'),
  one(OFFICE, 2, 'Khi chia sẻ tài liệu trực tuyến có thông tin nội bộ, nên chọn chế độ nào?', ['"Bất kỳ ai có đường link đều xem được"', 'Công khai trên mạng', 'Chỉ những người được mời cụ thể', 'Cho phép mọi người chỉnh sửa'], 2, 'Chia sẻ đúng người giảm nguy cơ lộ tài liệu khi đường link bị chuyển tiếp.'),
  trueFalse(OFFICE, 2, 'Trong cuộc họp trực tuyến, nên tắt micro khi không phát biểu.', true, 'Tắt micro giúp tránh tiếng ồn và tiếng vang, cuộc họp rõ ràng hơn.'),
  one(OFFICE, 1, 'Tổ hợp phím Ctrl + Z thường dùng để làm gì?', ['Lưu tệp', 'Hoàn tác thao tác vừa làm', 'In tài liệu', 'Đóng cửa sổ'], 1, 'Ctrl + Z hoàn tác (undo); Ctrl + S để lưu, Ctrl + P để in.'),
  one(OFFICE, 2, 'Chữ ký số trên văn bản điện tử có tác dụng gì?', ['Trang trí văn bản', 'Dịch văn bản', 'Giảm dung lượng tệp', 'Xác thực người ký và bảo đảm văn bản không bị sửa sau khi ký'], 3, 'Chữ ký số gắn với người ký và phát hiện được nếu nội dung bị thay đổi sau khi ký.'),
  many(OFFICE, 3, 'Việc nào giúp email công vụ chuyên nghiệp hơn?', ['Tiêu đề ngắn gọn, rõ nội dung', 'Có lời chào và chữ ký với chức danh, đơn vị', 'Đính kèm đúng tệp và nhắc trong nội dung', 'Viết toàn bộ bằng chữ in hoa'], [0, 1, 2], 'Tiêu đề rõ, chữ ký đầy đủ và tệp đúng giúp người nhận xử lý nhanh; chữ in hoa toàn bộ gây khó đọc và thiếu lịch sự.'),
  one(OFFICE, 2, 'Tệp PDF thường được dùng khi nào?', ['Khi cần giữ nguyên định dạng văn bản trên mọi thiết bị', 'Khi cần người khác chỉnh sửa tự do', 'Khi cần chạy chương trình', 'Khi cần nén video'], 0, 'PDF hiển thị giống nhau trên mọi máy, phù hợp gửi văn bản hoàn chỉnh.'),
  trueFalse(OFFICE, 3, 'Đặt tên tệp rõ ràng, có ngày tháng (ví dụ "2025-06-10_BaoCaoTuan.docx") giúp quản lý tài liệu dễ hơn.', true, 'Tên tệp có quy ước giúp tìm kiếm, sắp xếp và tránh nhầm phiên bản.'),
  one(OFFICE, 3, 'Trong Excel, muốn đếm số ô thỏa mãn một điều kiện (ví dụ số người "Đã tham gia"), dùng hàm nào?', ['SUM', 'COUNTIF', 'VLOOKUP', 'ROUND'], 1, 'COUNTIF đếm số ô thỏa điều kiện, rất hữu ích khi thống kê tỷ lệ tham gia.'),
  many(OFFICE, 1, 'Những công cụ nào dùng để họp trực tuyến?', ['Phần mềm hội nghị truyền hình của cơ quan', 'Ứng dụng họp video như Zoom, Google Meet, Microsoft Teams', 'Máy tính bỏ túi', 'Phần mềm họp trực tuyến do cơ quan cấp phép'], [0, 1, 3], 'Các nền tảng hội nghị trực tuyến cho phép họp từ xa; máy tính bỏ túi thì không.'),
  one(OFFICE, 1, 'Để tìm nhanh một từ trong văn bản dài, dùng tổ hợp phím nào?', ['Alt + F4', 'Ctrl + C', 'Ctrl + V', 'Ctrl + F'], 3, 'Ctrl + F mở ô tìm kiếm; Ctrl + C sao chép, Ctrl + V dán, Alt + F4 đóng cửa sổ.'),
  trueFalse(OFFICE, 2, 'Lưu tài liệu công việc lên dịch vụ lưu trữ cá nhân tùy ý mà không theo quy định của cơ quan là an toàn.', false, 'Tài liệu công việc cần lưu trên hệ thống được cơ quan cho phép để bảo mật và quản lý.'),
  one(OFFICE, 2, 'Tỷ lệ tham gia 2.751 trên 2.896 người là khoảng bao nhiêu phần trăm?', ['95%', '90%', '85%', '99%'], 0, '2.751 ÷ 2.896 ≈ 0,95, tức khoảng 95% — đúng con số huyện Đan Phượng đạt được trong cuộc đua.'),
  many(OFFICE, 3, 'Trước khi gửi tệp đính kèm ra ngoài cơ quan, nên kiểm tra gì?', ['Đúng tệp, đúng phiên bản cuối', 'Tệp không còn thông tin ẩn như bình luận nội bộ, lịch sử sửa đổi', 'Người nhận đúng địa chỉ', 'Màu nền của email'], [0, 1, 2], 'Tệp Word, Excel có thể còn bình luận hay dữ liệu ẩn; gửi nhầm người hoặc nhầm tệp có thể gây lộ thông tin.'),
  one(OFFICE, 3, 'Trong Excel, hàm VLOOKUP thường dùng để làm gì?', ['Tìm một giá trị trong bảng và lấy thông tin tương ứng ở cột khác', 'Vẽ biểu đồ', 'Đổi phông chữ', 'Đếm số từ'], 0, 'VLOOKUP tra cứu theo giá trị khóa, ví dụ tìm tên đơn vị theo mã đơn vị.'),
  trueFalse(OFFICE, 1, 'Có thể chuyển văn bản Word sang PDF ngay trong phần mềm soạn thảo bằng chức năng "Lưu thành" hoặc "Xuất".', true, 'Các phần mềm soạn thảo phổ biến đều hỗ trợ lưu hoặc xuất ra PDF.'),
  one(OFFICE, 2, 'Biểu đồ nào phù hợp để so sánh tỷ lệ tham gia giữa các xã?', ['Biểu đồ cột', 'Biểu đồ tròn cho từng người', 'Không dùng biểu đồ', 'Ảnh chụp màn hình'], 0, 'Biểu đồ cột giúp so sánh giá trị giữa nhiều nhóm, như tỷ lệ tham gia của từng xã.'),

  // More on each topic
  one(AI_SAFETY, 2, 'Khi dùng AI để soạn câu trả lời cho phản ánh của người dân, điều gì quan trọng nhất?', ['Kiểm tra nội dung đúng quy định, đúng sự việc và ẩn thông tin cá nhân khi nhờ AI', 'Gửi nguyên văn AI viết', 'Dán cả hồ sơ của người dân vào AI', 'Để AI tự gửi email'], 0, 'Câu trả lời gửi người dân phải chính xác và đúng quy định; thông tin cá nhân không được đưa lên công cụ AI công cộng.'),
  trueFalse(PUBLIC, 2, 'Tài khoản VNeID mức độ 2 có thể dùng để đăng nhập Cổng Dịch vụ công quốc gia.', true, 'Cổng Dịch vụ công quốc gia cho phép đăng nhập bằng tài khoản định danh điện tử VNeID.'),
  one(PAY, 3, 'Ứng dụng ngân hàng báo "thiết bị lạ vừa đăng nhập tài khoản của bạn" mà bạn không làm việc đó. Nên làm gì?', ['Bỏ qua', 'Trả lời tin nhắn của số lạ để hỏi', 'Đổi mật khẩu ngay, liên hệ ngân hàng để khóa truy cập lạ', 'Gỡ ứng dụng ngân hàng'], 2, 'Đăng nhập lạ là dấu hiệu lộ thông tin; cần đổi mật khẩu và báo ngân hàng ngay.'),
  many(SCAM, 2, 'Cuộc gọi nào cần đặc biệt cảnh giác?', ['Số lạ báo con bạn bị tai nạn, cần chuyển tiền viện phí ngay', 'Người xưng nhân viên điện lực đòi tiền điện gấp kẻo cắt điện trong 2 giờ', 'Người xưng cán bộ thuế hướng dẫn cài ứng dụng để "hoàn thuế"', 'Người thân gọi từ số quen hỏi giờ về ăn cơm'], [0, 1, 2], 'Tạo hoảng loạn, đòi tiền gấp hoặc dụ cài ứng dụng là kịch bản lừa đảo thường gặp.'),
  one(DATA, 2, 'Ứng dụng đèn pin trên điện thoại xin quyền đọc danh bạ và tin nhắn. Bạn nên làm gì?', ['Cho phép hết để dùng được', 'Từ chối và cân nhắc gỡ ứng dụng vì đòi quyền không cần thiết', 'Cho phép rồi tính sau', 'Chia sẻ ứng dụng cho bạn bè'], 1, 'Ứng dụng đòi quyền không liên quan đến chức năng có thể thu thập dữ liệu trái phép.'),
  one(OFFICE, 2, 'Muốn nhiều người điền thông tin đăng ký tham gia cuộc thi trực tuyến, công cụ nào phù hợp?', ['Gọi điện từng người', 'Gửi email cho từng người rồi chép tay', 'Biểu mẫu trực tuyến (form) có phân quyền phù hợp', 'Dán giấy lên bảng tin'], 2, 'Biểu mẫu trực tuyến thu thập thông tin nhanh, tự tổng hợp thành bảng tính.'),
  trueFalse(AI_SAFETY, 2, 'Có thể nhờ AI kiểm tra lỗi chính tả của một thông báo công khai đã ẩn thông tin cá nhân.', true, 'Văn bản công khai không chứa dữ liệu nhạy cảm có thể nhờ AI rà soát chính tả, miễn là người dùng đọc lại kết quả.'),
  one(PUBLIC, 3, 'Khi hồ sơ trực tuyến đã được tiếp nhận, người dân thường nhận được gì để tra cứu?', ['Mật khẩu của cán bộ', 'Mã hồ sơ', 'Số điện thoại của lãnh đạo', 'Không nhận được gì'], 1, 'Mã hồ sơ giúp người dân tra cứu tiến độ giải quyết trên cổng dịch vụ công.'),
  one(DATA, 3, 'Tại sao nên dùng trình quản lý mật khẩu đáng tin cậy?', ['Để dùng chung một mật khẩu', 'Để tạo và ghi nhớ mật khẩu mạnh, khác nhau cho từng tài khoản', 'Để chia sẻ mật khẩu cho người lạ', 'Để tắt xác thực hai lớp'], 1, 'Trình quản lý mật khẩu giúp dùng mật khẩu mạnh, riêng cho từng nơi mà không cần nhớ hết.'),
  trueFalse(PAY, 1, 'Mỗi mã OTP chỉ dùng được một lần và hết hạn sau thời gian ngắn.', true, 'OTP (one-time password) là mật khẩu dùng một lần, có hiệu lực ngắn để xác nhận giao dịch.'),
];
