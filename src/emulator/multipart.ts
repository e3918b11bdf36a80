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

