using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ActorVoice.Retrieval.Indexing;

/// <summary>
/// The raw chunk vectors of an index (vectors.bin), kept so that a re-index can drop a document's vectors
/// and rebuild the search structure without embedding unchanged chunks again.
/// Layout: "AVVEC001", int32 dimension, int32 count, then count × (int32 id, dimension × float32), little-endian.
/// </summary>
public sealed class VectorStore
{
    public const string FileName = "vectors.bin";
    private const string Magic = "AVVEC001";

    private readonly Dictionary<int, float[]> _vectors = [];

    public VectorStore(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    public int Dimension { get; }

    public int Count => _vectors.Count;

    public IEnumerable<KeyValuePair<int, float[]>> Entries => _vectors.OrderBy(pair => pair.Key);

    public void Set(int id, float[] vector)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException($"Vector for chunk {id} has {vector.Length} dimensions; the index uses {Dimension}.");
        }

        _vectors[id] = vector;
    }

    public bool Remove(int id) => _vectors.Remove(id);

    public static string PathIn(string indexFolder) => Path.Combine(indexFolder, FileName);

    public void Write(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new BufferedStream(File.Create(temporary)))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Magic));
            Span<byte> header = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(header, Dimension);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], Count);
            stream.Write(header);
            Span<byte> id = stackalloc byte[4];
            foreach (var (key, vector) in Entries)
            {
                BinaryPrimitives.WriteInt32LittleEndian(id, key);
                stream.Write(id);
                stream.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="InvalidDataException">The file is truncated or not a vector store.</exception>
    public static VectorStore Read(string path)
    {
        using var stream = new BufferedStream(File.OpenRead(path));
        Span<byte> header = stackalloc byte[16];
        if (stream.ReadAtLeast(header, 16, throwOnEndOfStream: false) < 16
            || System.Text.Encoding.ASCII.GetString(header[..8]) != Magic)
        {
            throw new InvalidDataException($"'{path}' is not an ActorVoice vector file.");
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var store = new VectorStore(dimension);
        Span<byte> id = stackalloc byte[4];
        for (var i = 0; i < count; i++)
        {
            var vector = new float[dimension];
            if (stream.ReadAtLeast(id, 4, throwOnEndOfStream: false) < 4
                || stream.ReadAtLeast(MemoryMarshal.AsBytes(vector.AsSpan()), dimension * 4, throwOnEndOfStream: false) < dimension * 4)
            {
                throw new InvalidDataException($"Vector file '{path}' is truncated after {i} of {count} vectors.");
            }

            store._vectors[BinaryPrimitives.ReadInt32LittleEndian(id)] = vector;
        }

        return store;
    }
}
