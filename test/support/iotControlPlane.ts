/**
 * A stand-in for the one AWS IoT control-plane call that cannot be made here, DescribeEndpoint
 * (`GET /endpoint?endpointType=`), answering as the real API does: the account's address per
 * endpoint type, the legacy iot:Data one when none is given, InvalidRequestException for an unknown
 * type, a SigV4 signature for service `iot` required, and the API's documented faults on demand.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type IotFault = 'unauthorized' | 'throttled' | 'internal' | 'hang';

export interface DescribeEndpointCall {
  readonly endpointType: string | null;
  readonly authorization: string;
}

export interface IotControlPlane {
  readonly url: string;
  readonly calls: DescribeEndpointCall[];
  /** The fault every following call gets, or undefined to answer normally. */
  fault: IotFault | undefined;
  /** What DescribeEndpoint answers for iot:Data-ATS. */
  readonly dataAtsAddress: string;
  close(): Promise<void>;
}

const FAULTS: Record<
  Exclude<IotFault, 'hang'>,
  { status: number; type: string; message: string }
> = {
  unauthorized: {
    status: 401,
    type: 'UnauthorizedException',
    message: 'You are not authorized to perform this operation.',
  },
  throttled: { status: 400, type: 'ThrottlingException', message: 'Rate exceeded' },
  internal: { status: 500, type: 'InternalFailureException', message: 'Internal failure' },
};

function error(response: ServerResponse, status: number, type: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  response.end(JSON.stringify({ message }));
}

export async function startIotControlPlane(
  options: { prefix?: string; region?: string } = {},
): Promise<IotControlPlane> {
  const prefix = options.prefix ?? 'a1b2c3d4e5f6g7';
  const region = options.region ?? 'us-east-1';
  const addresses: Record<string, string> = {
    'iot:Data': `${prefix}.iot.${region}.amazonaws.com`,
    'iot:Data-ATS': `${prefix}-ats.iot.${region}.amazonaws.com`,
    'iot:CredentialProvider': `c${prefix}.credentials.iot.${region}.amazonaws.com`,
    'iot:Jobs': `j${prefix}.jobs.iot.${region}.amazonaws.com`,
  };
  const calls: DescribeEndpointCall[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' || url.pathname !== '/endpoint') {
      error(
        response,
        404,
        'ResourceNotFoundException',
        `no route ${request.method} ${url.pathname}`,
      );
      return;
    }
    const authorization = request.headers.authorization ?? '';
    const endpointType = url.searchParams.get('endpointType');
    calls.push({ endpointType, authorization });
    if (!new RegExp(`Credential=[^/]+/\\d{8}/${region}/iot/aws4_request`).test(authorization)) {
      error(response, 403, 'AccessDeniedException', 'Missing or invalid SigV4 signature for iot');
      return;
    }
    if (plane.fault === 'hang') {
      hanging.add(response);
      return;
    }
    if (plane.fault) {
      const { status, type, message } = FAULTS[plane.fault];
      error(response, status, type, message);
      return;
    }
    const address = addresses[endpointType ?? 'iot:Data'];
    if (address === undefined) {
      error(
        response,
        400,
        'InvalidRequestException',
        `Endpoint type ${endpointType} is not valid. Valid values are iot:Data, iot:Data-ATS, iot:CredentialProvider and iot:Jobs.`,
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ endpointAddress: address }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const plane: IotControlPlane = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    fault: undefined,
    dataAtsAddress: addresses['iot:Data-ATS']!,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return plane;
}
