import '@fastify/multipart';
import { FastifyRequest } from 'fastify';
import { AppException } from './app-exception';

export interface Upload {
  filename: string;
  mimetype: string;
  buffer: Buffer;
  /** The form's other fields, such as `format`. */
  fields: Record<string, string>;
}

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The one file of a multipart/form-data request, in a field named `file`. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppException(415, 'NOT_MULTIPART', {
      vi: 'Hãy gửi tệp dưới dạng multipart/form-data với trường «file»',
      en: 'Send the file as multipart/form-data in a field named "file"',
    });
  }
  let upload: Omit<Upload, 'fields'> | null = null;
  const fields: Record<string, string> = {};
  for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } })) {
    if (part.type === 'file') {
      const buffer = await part.toBuffer();
      if (part.fieldname === 'file') upload = { filename: part.filename, mimetype: part.mimetype, buffer };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!upload) {
    throw new AppException(400, 'NO_FILE', { vi: 'Chưa có tệp trong trường «file»', en: 'No file in the field "file"' });
  }
  return { ...upload, fields };
}
