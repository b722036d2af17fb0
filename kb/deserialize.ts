import v8 from 'node:v8';

type ViewCtor = new (buffer: ArrayBuffer) => ArrayBufferView;
type ReadHostObject = (this: v8.Deserializer) => unknown;
const readView = (v8.DefaultDeserializer.prototype as unknown as { _readHostObject: ReadHostObject })
  ._readHostObject;

/**
 * Node's deserializer returns typed arrays as views into the bytes read, so a few kept vectors would keep
 * a whole model cache file (megabytes) alive: each one gets its own copy instead.
 */
class CopyingDeserializer extends v8.DefaultDeserializer {
  _readHostObject(): unknown {
    const value = readView.call(this);
    if (!ArrayBuffer.isView(value)) return value;
    const end = value.byteOffset + value.byteLength;
    return new (value.constructor as ViewCtor)(value.buffer.slice(value.byteOffset, end) as ArrayBuffer);
  }
}

/** `v8.deserialize`, but no typed array in the result shares memory with `bytes`. */
export function deserializeOwned(bytes: Uint8Array): unknown {
  const d = new CopyingDeserializer(
    bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  );
  d.readHeader();
  return d.readValue();
}
