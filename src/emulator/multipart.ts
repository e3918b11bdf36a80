// Just enough multipart/form-data to read an uploaded file field.
import { BadRequest } from './errors';

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function parseMultipart(contentType: string | undefined, body: Buffer): FormPart[] {
  const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? '');
  if (!match) throw new BadRequest('the request must be multipart/form-data with a boundary');
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw new BadRequest('the multipart body has no parts');
  for (;;) {
    let from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === '--') break;
    if (body.subarray(from, from + 2).toString() === '\r\n') from += 2;
    const end = body.indexOf(delimiter, from);
    if (end < 0) throw new BadRequest('the multipart body is truncated');
    const headerEnd = body.indexOf('\r\n\r\n', from);
    if (headerEnd < 0 || headerEnd > end) throw new BadRequest('a multipart part has no headers');
    const headers = body.subarray(from, headerEnd).toString('utf8');
    // The part's data ends before the CRLF that precedes the next delimiter.
    const data = body.subarray(headerEnd + 4, end - 2);
    const disposition = /content-disposition:[^\r\n]*?\bname="([^"]*)"(?:[^\r\n]*?\bfilename="([^"]*)")?/i.exec(headers);
    const type = /content-type:\s*([^\r\n;]+)/i.exec(headers);
    if (disposition) parts.push({ name: disposition[1]!, filename: disposition[2], contentType: type?.[1]?.trim().toLowerCase(), data });
    start = end;
  }
  return parts;
}

/** The image type from the file's first bytes, or undefined if it is not png, jpeg, gif or webp. */
export function sniffImageType(data: Buffer): string | undefined {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}
