import { BadRequestException, ValidationError } from '@nestjs/common';
import { Language } from './language';

/** One failed rule on one field of a body or query, before it is put into words. */
export interface FieldProblem {
  field: string;
  constraint: string;
  /** class-validator's English sentence, used where no translation exists. */
  message: string;
  missing: boolean;
}

export class RequestValidationException extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => problem.message));
  }
}

/** ValidationPipe's exceptionFactory: keep the structure so the filter can word it per language. */
export function toValidationException(errors: ValidationError[]): RequestValidationException {
  return new RequestValidationException(flatten(errors, ''));
}

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    // A field that is simply absent fails every rule on it; one "required" says it better.
    const missing = error.value === undefined || error.value === null;
    const own: FieldProblem[] =
      missing && constraints.length && !error.constraints?.whitelistValidation
        ? [{ field, constraint: 'required', message: `${field} is required`, missing: true }]
        : constraints.map(([constraint, message]) => ({
            field,
            constraint,
            // class-validator names only the last property; a nested field needs its whole path.
            message: message.startsWith(`${error.property} `) ? field + message.slice(error.property.length) : message,
            missing: false,
          }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const NUMBER = /(-?\d+(?:\.\d+)?)/;

type Template = (field: string, english: string) => string;

// Vietnamese wording for the rules the DTOs use; numbers are taken from the English sentence.
const VIETNAMESE: Record<string, Template> = {
  required: (f) => `Thiếu trường «${f}»`,
  whitelistValidation: (f) => `Trường «${f}» không được phép gửi`,
  isString: (f) => `«${f}» phải là chuỗi ký tự`,
  isNotEmpty: (f) => `«${f}» không được để trống`,
  isInt: (f) => `«${f}» phải là số nguyên`,
  isNumber: (f) => `«${f}» phải là số`,
  isBoolean: (f) => `«${f}» phải là true hoặc false`,
  isArray: (f) => `«${f}» phải là một danh sách`,
  isEnum: (f, e) => `«${f}» phải là một trong: ${e.split(':').pop()?.trim() ?? ''}`,
  isIn: (f, e) => `«${f}» phải là một trong: ${e.split(':').pop()?.trim() ?? ''}`,
  isDateString: (f) => `«${f}» phải là ngày giờ ISO-8601`,
  isISO8601: (f) => `«${f}» phải là ngày giờ ISO-8601`,
  min: (f, e) => `«${f}» không được nhỏ hơn ${e.match(NUMBER)?.[1] ?? ''}`,
  max: (f, e) => `«${f}» không được lớn hơn ${e.match(NUMBER)?.[1] ?? ''}`,
  minLength: (f, e) => `«${f}» phải dài ít nhất ${e.match(NUMBER)?.[1] ?? ''} ký tự`,
  maxLength: (f, e) => `«${f}» chỉ được dài tối đa ${e.match(NUMBER)?.[1] ?? ''} ký tự`,
  arrayMinSize: (f, e) => `«${f}» phải có ít nhất ${e.match(NUMBER)?.[1] ?? ''} phần tử`,
  arrayMaxSize: (f, e) => `«${f}» chỉ được có tối đa ${e.match(NUMBER)?.[1] ?? ''} phần tử`,
  matches: (f) => `«${f}» không đúng định dạng`,
  nestedValidation: (f) => `«${f}» phải là một đối tượng hợp lệ`,
};

const ENGLISH: Record<string, Template> = {
  required: (f) => `${f} is required`,
  whitelistValidation: (f) => `${f} is not an allowed field`,
};

export function describeProblem(problem: FieldProblem, language: Language): string {
  const table = language === 'vi' ? VIETNAMESE : ENGLISH;
  const template = table[problem.constraint];
  return template ? template(problem.field, problem.message) : problem.message;
}
