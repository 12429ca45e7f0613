/** `npm run build`: bundles every Lambda function into dist/. */
import { relative } from 'node:path';
import { bundleFunctions, ROOT } from './bundle';

bundleFunctions()
  .then((bundles) => {
    for (const { file, bytes } of bundles) {
      console.log(`${relative(ROOT, file)}  ${(bytes / 1024).toFixed(0)} KiB`);
    }
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
