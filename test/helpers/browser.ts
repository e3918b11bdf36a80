// What a person does in the browser during `pipesctl login`: open the page the CLI printed,
// press Verify (the page's form), and read the 6-digit code the page then shows.
export async function verifyInBrowser(url: string, opts: { as?: string } = {}): Promise<string> {
  const pageUrl = new URL(url);
  if (opts.as) pageUrl.searchParams.set('as', opts.as);
  const page = await fetch(pageUrl);
  if (!page.ok) throw new Error(`login page ${pageUrl} answered ${page.status}`);
  const html = await page.text();
  const action = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(html)?.[1];
  if (!action) throw new Error(`no Verify form on the login page:\n${html}`);
  const verified = await fetch(new URL(decodeEntities(action), pageUrl), { method: 'POST' });
  const after = await verified.text();
  const code = /id="code"[^>]*>\s*(\d{6})\s*</.exec(after)?.[1];
  if (!code) throw new Error(`no code on the page after Verify (${verified.status}):\n${after}`);
  return code;
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replaceAll('&amp;', '&');
}
