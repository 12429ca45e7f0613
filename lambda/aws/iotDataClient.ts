/** The IoT data-plane client (device shadows), configured as every other client. */
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { commonConfig, withoutSdkLogging, type ClientOptions } from './clients';

export function iotDataClient(options: ClientOptions): IoTDataPlaneClient {
  return withoutSdkLogging(new IoTDataPlaneClient(commonConfig(options)));
}
