/** The recorded headsets (test/fixtures/headsets/README.md says where each comes from), parsed the way WebHID exposes them. */
import { join } from 'node:path';
import type { HidCollectionInfo } from '../../renderer/src/lib/headset/webhid';
import { parseReportDescriptor, readDescriptorHex } from './hid-descriptor';

export interface RecordedHeadset {
  productName: string;
  vendorId: number;
  productId: number;
  collections: HidCollectionInfo[];
}

const fixture = (file: string) => parseReportDescriptor(readDescriptorHex(join(__dirname, '../fixtures/headsets', file)));

export const blackwire3220 = (): RecordedHeadset => ({
  productName: 'Plantronics Blackwire 3220 Series',
  vendorId: 0x047f,
  productId: 0xc056,
  collections: fixture('plantronics-blackwire-3220.hex'),
});

export const jabraSpeak510 = (): RecordedHeadset => ({
  productName: 'Jabra SPEAK 510 USB',
  vendorId: 0x0b0e,
  // Not in the published dump; any id will do for the app, which never looks at it.
  productId: 0x0422,
  collections: fixture('jabra-speak-510.hex'),
});
