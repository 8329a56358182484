// `npm start` ends here: open the local engine, seed the demo data once, serve the gateway and the h5 app.
import fs from 'node:fs';
import { demoInviteLines } from './demo-invites';
import { createGateway } from './gateway';
import { openLocalRuntime } from './runtime';
import { seedDemoData } from './seed';
import { settingsFromEnv } from './settings';

async function main() {
  const settings = settingsFromEnv();
  const runtime = openLocalRuntime(settings.dataDir);
  const seeded = await seedDemoData(runtime.deps);
  if (!fs.existsSync(settings.staticDir)) {
    console.warn(`未找到 h5 构建（${settings.staticDir}），只提供云函数接口。先运行 npm run build:h5。`);
  }
  const server = createGateway({ runtime, staticDir: settings.staticDir, corsOrigin: settings.corsOrigin });
  server.listen(settings.port, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : settings.port;
    console.log(
      `庙行安全 本地云引擎：http://127.0.0.1:${port}  数据目录 ${settings.dataDir}（${seeded === 'seeded' ? '已写入演示数据' : '演示数据已存在'}）`,
    );
    void demoInviteLines(runtime.deps).then((lines) =>
      console.log(`演示邀请码（在“我的”页输入，切换到新身份试用）：\n${lines.join('\n')}`),
    );
  });
  const stop = () => {
    server.close();
    runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('本地云引擎启动失败：', err);
  process.exit(1);
});
