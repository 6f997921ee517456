import sharp from 'sharp';
import { fieldError } from './errors.js';

/** The photo formats Jinguo keeps, by MIME type: extension and the magic bytes a real file of the type starts with. */
export const IMAGE_TYPES: Record<string, { ext: string; magic: (b: Buffer) => boolean }> = {
  'image/jpeg': { ext: 'jpg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: 'png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/webp': {
    ext: 'webp',
    magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
};

// 50 megapixels: more than any phone camera, far less than a decompression bomb needs.
const MAX_PIXELS = 50_000_000;

/**
 * Re-encodes an uploaded photo so that nothing but its pixels is kept: a phone photo's EXIF carries the GPS
 * position where it was taken (a shelter, a survivor's home), the camera's serial number and the time. sharp
 * drops all metadata (EXIF, XMP, IPTC, ICC comments) on output unless told to keep it; `.rotate()` first
 * applies the EXIF orientation to the pixels, so the photo still stands the right way up without the tag.
 * Every image upload path goes through here before anything is written to disk.
 */
export async function stripImageMetadata(input: Buffer, mime: string, field = 'file'): Promise<Buffer> {
  try {
    // failOn 'none': a photo a browser shows (a checksum slightly off, a few bytes short) is kept as well as it
    // decodes; a file whose header does not decode still throws and is refused.
    const image = sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'none' }).rotate();
    switch (mime) {
      case 'image/jpeg':
        return await image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
      case 'image/png':
        return await image.png({ compressionLevel: 9 }).toBuffer();
      case 'image/webp':
        return await image.webp({ quality: 90 }).toBuffer();
      default:
        throw fieldError(field, '请上传 JPG、PNG 或 WebP 格式的照片');
    }
  } catch (err) {
    if (err instanceof Error && 'statusCode' in err) throw err;
    // A file that starts like an image but does not decode (truncated, crafted) is refused, never stored.
    throw fieldError(field, '照片文件已损坏或无法识别，请重新选择');
  }
}
