/** Walks the frame headers of an MPEG audio stream, for tests to check what an encoder produced and how long it plays. */

export type MpegVersion = 'MPEG-1' | 'MPEG-2' | 'MPEG-2.5';
export type MpegLayer = 'I' | 'II' | 'III';
export type ChannelMode = 'stereo' | 'joint stereo' | 'dual channel' | 'mono';

export interface Mp3Summary {
  /** Audio frames; a Xing/Info/VBRI header frame is metadata and not counted. */
  readonly frames: number;
  readonly version: MpegVersion;
  readonly layer: MpegLayer;
  /** Every bitrate the frames use, ascending: one value for a constant-bit-rate stream. */
  readonly bitrateKbps: number[];
  readonly sampleRate: number;
  readonly channelMode: ChannelMode;
  readonly durationSeconds: number;
}

/** Thrown for bytes that are not a clean MPEG audio stream; offset is where the walk stopped. */
export class Mp3FormatError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = 'Mp3FormatError';
    this.offset = offset;
  }
}

export interface FrameHeader {
  readonly version: MpegVersion;
  readonly layer: MpegLayer;
  readonly hasCrc: boolean;
  readonly bitrateKbps: number;
  readonly sampleRate: number;
  readonly padding: boolean;
  readonly channelMode: ChannelMode;
  readonly samplesPerFrame: number;
  /** Header, side information and audio data: the distance to the next frame's header. */
  readonly frameBytes: number;
}

const HEADER_BYTES = 4;
const ID3V2_HEADER_BYTES = 10;
const ID3V1_BYTES = 128;

// Index 0 of each bitrate row is "free format", 15 is forbidden; both are refused below.
const BITRATES_KBPS: Readonly<Record<'1' | '2', Readonly<Record<MpegLayer, readonly number[]>>>> = {
  '1': {
    I: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    II: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    III: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  },
  // MPEG-2.5 is an unofficial extension of MPEG-2 and shares its table.
  '2': {
    I: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    II: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    III: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  },
};

const SAMPLE_RATES: Readonly<Record<MpegVersion, readonly number[]>> = {
  'MPEG-1': [44100, 48000, 32000],
  'MPEG-2': [22050, 24000, 16000],
  'MPEG-2.5': [11025, 12000, 8000],
};

const VERSIONS: readonly (MpegVersion | undefined)[] = ['MPEG-2.5', undefined, 'MPEG-2', 'MPEG-1'];
const LAYERS: readonly (MpegLayer | undefined)[] = [undefined, 'III', 'II', 'I'];
const CHANNEL_MODES: readonly ChannelMode[] = ['stereo', 'joint stereo', 'dual channel', 'mono'];

function hex(bytes: Buffer): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

function samplesPerFrame(version: MpegVersion, layer: MpegLayer): number {
  if (layer === 'I') return 384;
  // Layer III halves its granules per frame below MPEG-1; Layer II does not.
  return layer === 'III' && version !== 'MPEG-1' ? 576 : 1152;
}

function frameBytes(layer: MpegLayer, samples: number, kbps: number, rate: number, pad: boolean) {
  // Layer I counts in 4-byte slots, II and III in bytes: bytes = samples / 8 * bitrate / rate.
  if (layer === 'I') return (Math.floor((12 * kbps * 1000) / rate) + (pad ? 1 : 0)) * 4;
  return Math.floor(((samples / 8) * kbps * 1000) / rate) + (pad ? 1 : 0);
}

/** Decodes the 4-byte header at offset, or throws saying which field is wrong. */
export function readFrameHeader(mp3: Buffer, offset: number): FrameHeader {
  if (mp3.length - offset < HEADER_BYTES) {
    throw new Mp3FormatError(
      `truncated: ${mp3.length - offset} bytes left, a frame header needs 4`,
      offset,
    );
  }
  const header = mp3.readUInt32BE(offset);
  if (header >>> 21 !== 0x7ff) {
    throw new Mp3FormatError(
      `no MPEG frame sync: found ${hex(mp3.subarray(offset, offset + HEADER_BYTES))}`,
      offset,
    );
  }
  const version = VERSIONS[(header >>> 19) & 0b11];
  const layer = LAYERS[(header >>> 17) & 0b11];
  if (version === undefined)
    throw new Mp3FormatError('reserved MPEG version in frame header', offset);
  if (layer === undefined) throw new Mp3FormatError('reserved layer in frame header', offset);
  const bitrateIndex = (header >>> 12) & 0b1111;
  const bitrateKbps = BITRATES_KBPS[version === 'MPEG-1' ? '1' : '2'][layer][bitrateIndex];
  if (bitrateKbps === undefined || bitrateKbps === 0) {
    const why =
      bitrateIndex === 0 ? 'free-format bitrate is not supported' : 'forbidden bitrate index 15';
    throw new Mp3FormatError(why, offset);
  }
  const sampleRate = SAMPLE_RATES[version][(header >>> 10) & 0b11];
  if (sampleRate === undefined) throw new Mp3FormatError('reserved sample rate index', offset);
  const padding = ((header >>> 9) & 1) === 1;
  const samples = samplesPerFrame(version, layer);
  return {
    version,
    layer,
    hasCrc: ((header >>> 16) & 1) === 0,
    bitrateKbps,
    sampleRate,
    padding,
    channelMode: CHANNEL_MODES[(header >>> 6) & 0b11] ?? 'stereo',
    samplesPerFrame: samples,
    frameBytes: frameBytes(layer, samples, bitrateKbps, sampleRate, padding),
  };
}

/** Bytes of the ID3v2 tag at the start (header, body and optional footer), or 0 when there is none. */
export function id3v2Length(mp3: Buffer): number {
  if (mp3.length < ID3V2_HEADER_BYTES || mp3.toString('latin1', 0, 3) !== 'ID3') return 0;
  const sizeBytes = mp3.subarray(6, 10);
  if (sizeBytes.some((byte) => byte >= 0x80)) {
    throw new Mp3FormatError('ID3v2 tag size is not a synchsafe integer', 6);
  }
  // Synchsafe: 7 bits a byte, so that the size itself never looks like a frame sync.
  const size = sizeBytes.reduce((total, byte) => total * 128 + byte, 0);
  const hasFooter = ((mp3[5] ?? 0) & 0x10) !== 0;
  const length = ID3V2_HEADER_BYTES + size + (hasFooter ? ID3V2_HEADER_BYTES : 0);
  if (length > mp3.length) {
    throw new Mp3FormatError(`truncated ID3v2 tag: it declares ${length} bytes`, 0);
  }
  return length;
}

function isId3v1Trailer(mp3: Buffer, offset: number): boolean {
  return (
    mp3.length - offset === ID3V1_BYTES && mp3.toString('latin1', offset, offset + 3) === 'TAG'
  );
}

/** A Xing/Info (LAME) or VBRI frame carries stream metadata in place of audio. */
function isInfoFrame(mp3: Buffer, offset: number, header: FrameHeader): boolean {
  const mono = header.channelMode === 'mono';
  const sideInfo = header.version === 'MPEG-1' ? (mono ? 17 : 32) : mono ? 9 : 17;
  const xingAt = offset + HEADER_BYTES + (header.hasCrc ? 2 : 0) + sideInfo;
  const xing = mp3.toString('latin1', xingAt, xingAt + 4);
  const vbri = mp3.toString('latin1', offset + 36, offset + 40);
  return header.layer === 'III' && (xing === 'Xing' || xing === 'Info' || vbri === 'VBRI');
}

function sameStream(first: FrameHeader, next: FrameHeader): string | undefined {
  const fields = ['version', 'layer', 'sampleRate', 'channelMode'] as const;
  const changed = fields.find((field) => first[field] !== next[field]);
  return changed === undefined
    ? undefined
    : `${changed} changes mid-stream from ${first[changed]} to ${next[changed]}`;
}

/**
 * Reads every frame header of an MP3, skipping a leading ID3v2 tag and a trailing ID3v1 tag, and
 * summarises them. Throws Mp3FormatError on the first byte that is not where a frame should be, on a
 * frame cut short, and on a stream that changes format mid-way (no player Alexa uses would mix them).
 */
export function parseMp3Frames(mp3: Buffer): Mp3Summary {
  let offset = id3v2Length(mp3);
  let first: FrameHeader | undefined;
  let frames = 0;
  let samples = 0;
  const bitrates = new Set<number>();
  while (offset < mp3.length && !isId3v1Trailer(mp3, offset)) {
    const header = readFrameHeader(mp3, offset);
    if (offset + header.frameBytes > mp3.length) {
      throw new Mp3FormatError(
        `truncated: frame ${frames + 1} needs ${header.frameBytes} bytes, ${mp3.length - offset} remain`,
        offset,
      );
    }
    const change = first === undefined ? undefined : sameStream(first, header);
    if (change !== undefined) throw new Mp3FormatError(change, offset);
    // Encoders write the metadata frame first; later frames are audio whatever their bytes spell.
    const metadata = first === undefined && isInfoFrame(mp3, offset, header);
    first ??= header;
    if (!metadata) {
      frames += 1;
      samples += header.samplesPerFrame;
      bitrates.add(header.bitrateKbps);
    }
    offset += header.frameBytes;
  }
  if (first === undefined || frames === 0) throw new Mp3FormatError('no MPEG audio frames', offset);
  return {
    frames,
    version: first.version,
    layer: first.layer,
    bitrateKbps: [...bitrates].sort((a, b) => a - b),
    sampleRate: first.sampleRate,
    channelMode: first.channelMode,
    durationSeconds: samples / first.sampleRate,
  };
}
