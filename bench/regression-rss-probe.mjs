// Preloaded into a measured process (node --import): writes its peak RSS in MB to $ANDON_BENCH_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.ANDON_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS / 1024)));
