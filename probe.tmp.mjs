import { chromium } from 'playwright';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
p.on('console', m => console.log('console', m.type(), m.text()));
p.on('pageerror', e => console.log('pageerror', e.message, e.stack));
await p.goto(process.argv[2]); await p.waitForTimeout(3000);
console.log((await p.content()).slice(0, 300));
await b.close();
