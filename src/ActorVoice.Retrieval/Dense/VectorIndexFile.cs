using System.Text;

namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// The on-disk vector index format (little-endian):
/// magic "AVVI", version (int32 = 1), kind (byte: 0 exact, 1 HNSW), quantisation (byte: 0 float32, 1 int8),
/// dimension (int32), count (int32), HNSW connectivity / expansion add / expansion search (3 × int32, 0 for exact);
/// then count ids (int32); then the vectors: count × dimension float32, or for int8 count scales (float32)
/// followed by count × dimension signed bytes. An HNSW index also writes its graph beside the file
/// (<see cref="GraphPath"/>) so loading does not rebuild it.
/// </summary>
public static class VectorIndexFile
{
    public const int Version = 1;
    private static readonly byte[] Magic = "AVVI"u8.ToArray();

    public static string GraphPath(string path)
    {
        return path + ".usearch";
    }

    public static void Write(string path, VectorIndexFileHeader header, ReadOnlySpan<int> ids, Action<BinaryWriter> writeVectors)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(writeVectors);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Write to a temporary file first so a crash never leaves a half-written index under the real name.
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: false))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write((byte)header.Kind);
            writer.Write((byte)header.Quantization);
            writer.Write(header.Dimension);
            writer.Write(header.Count);
            writer.Write(header.Hnsw.Connectivity);
            writer.Write(header.Hnsw.ExpansionAdd);
            writer.Write(header.Hnsw.ExpansionSearch);
            foreach (var id in ids)
            {
                writer.Write(id);
            }

            writeVectors(writer);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the header only (cheap): enough to choose the index type and check the dimension.</summary>
    public static VectorIndexFileHeader ReadHeader(string path)
    {
        using var reader = OpenReader(path);
        return ReadHeader(reader, path);
    }

    public static BinaryReader OpenReader(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Vector index file not found: {path}", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new BinaryReader(stream, Encoding.UTF8, leaveOpen: false);
    }

    public static VectorIndexFileHeader ReadHeader(BinaryReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException($"{path} is not an ActorVoice vector index (its first bytes are not \"AVVI\").");
            }

            var version = reader.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"{path} has vector index format version {version}; this build reads version {Version}.");
            }

            var kind = (VectorIndexKind)reader.ReadByte();
            var quantization = (VectorQuantization)reader.ReadByte();
            var dimension = reader.ReadInt32();
            var count = reader.ReadInt32();
            var hnsw = new HnswOptions(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            if (!Enum.IsDefined(kind) || !Enum.IsDefined(quantization) || dimension <= 0 || count < 0)
            {
                throw new InvalidDataException(
                    $"{path} has a corrupt vector index header (kind {kind}, quantisation {quantization}, dimension {dimension}, count {count}).");
            }

            return new VectorIndexFileHeader(kind, quantization, dimension, count, hnsw);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} is truncated: the vector index header is incomplete.", e);
        }
    }

    public static int[] ReadIds(BinaryReader reader, VectorIndexFileHeader header)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(header);
        var ids = new int[header.Count];
        ReadExactly(reader, System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan()));
        return ids;
    }

    /// <summary>Fills <paramref name="target"/> from the stream or fails with a clear truncation message.</summary>
    public static void ReadExactly(BinaryReader reader, Span<byte> target)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            reader.BaseStream.ReadExactly(target);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The vector index file is truncated: fewer vectors than its header announces.", e);
        }
    }

    public static void WriteSpan<T>(BinaryWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }
}
