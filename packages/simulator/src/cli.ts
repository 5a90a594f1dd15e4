#!/usr/bin/env node
/**
 * `pi-sim`: runs the simulated Pi network over HTTP and prints where it is.
 *
 *   pi-sim --port 4000 --user alice:100 --user bob:5 --api-key my-key --state .pi-sim.json
 *
 * Exit code 2 for a bad command line, 1 when the server cannot start (or, stopping, cannot save
 * the state file).
 */
import { parsePiSimArgs, PI_SIM_USAGE, PiSimUsageError } from './server/cli-args';
import { startSimulatorServer } from './server/start-server';

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parsePiSimArgs>;
  try {
    options = parsePiSimArgs(argv);
  } catch (error) {
    if (error instanceof PiSimUsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(PI_SIM_USAGE);
    return 0;
  }
  const sim = await startSimulatorServer({
    port: options.port,
    host: options.host,
    ...(options.stateFile === undefined ? {} : { stateFile: options.stateFile }),
    networkOptions: {
      network: options.network,
      ongoingA2U: options.ongoingA2U,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.users === undefined ? {} : { users: options.users }),
      ...(options.apiKey === undefined && options.walletSecret === undefined
        ? {}
        : {
            app: {
              ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
              ...(options.walletSecret === undefined ? {} : { walletSecret: options.walletSecret }),
            },
          }),
    },
  });
  const { network } = sim;
  const lines = [
    `pi-sim: simulated ${network.network} at ${sim.url}`,
    `  Platform API  ${sim.url}/v2   (Authorization: Key ${network.app.apiKey})`,
    `  API key       ${network.app.apiKey}`,
    `  Horizon       ${sim.horizonUrl}`,
    `  Console       ${sim.url}/console   (every payment's timeline; scenarios on demand)`,
    `  Browser SDK   <script src="${sim.url}/pi-sdk.js?user=${network.users()[0]?.username ?? 'USERNAME'}"></script>`,
    `  App wallet    ${network.app.walletAddress}`,
    // Pi's backend SDKs (npm pi-backend: new PiNetwork(apiKey, walletPrivateSeed)) sign A2U
    // payments with the app wallet's seed. A simulated wallet's seed, on the Testnet only.
    ...(network.network === 'Pi Testnet'
      ? [`  Wallet secret ${network.app.walletSecret}   (simulator secret: for A2U with Pi's backend SDKs)`]
      : []),
    `  Seed          ${network.seed}`,
    ...(sim.state
      ? [
          `  State         ${sim.state.file}   (${sim.state.restored ? `restored: ${network.payments().length} payments` : 'new'}; saved after each change and at exit; delete it to start fresh)`,
        ]
      : []),
    '  Users:',
    ...network
      .users()
      .map(
        (user) =>
          `    ${user.username.padEnd(12)} ${String(network.balanceOf(user.walletAddress)).padStart(10)} π  uid ${user.uid}  wallet ${user.walletAddress}`,
      ),
  ];
  console.log(lines.join('\n'));
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`pi-sim: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`pi-sim: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
