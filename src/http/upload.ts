import '@fastify/multipart';
import { FastifyRequest } from 'fastify';
import { AppException } from './app-exception';

export interface Upload {
  filename: string;
  mimetype: string;
  buffer: Buffer;
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
  const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  if (!part || part.fieldname !== 'file') {
    throw new AppException(400, 'NO_FILE', { vi: 'Chưa có tệp trong trường «file»', en: 'No file in the field "file"' });
  }
  const buffer = await part.toBuffer();
  return { filename: part.filename, mimetype: part.mimetype, buffer };
}
