using System.Numerics.Tensors;

namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// Brute-force cosine search over one flat array of unit vectors: exact, no build cost, about 1 ms per
/// query per 20k 384-d float vectors on the reference VM (memory-bandwidth bound). With
/// <see cref="VectorQuantization.Int8"/> each vector is stored as signed bytes plus one scale (a quarter of the
/// memory and bandwidth); scores are then approximate. Concurrent searches are safe; adding while searching is not.
/// </summary>
public sealed class ExactVectorIndex : IVectorIndex
{
    private int[] ids;
    private float[] floats;
    private sbyte[] codes;
    private float[] scales;

    public ExactVectorIndex(int dimension, VectorQuantization quantization = VectorQuantization.None, int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        Dimension = dimension;
        Quantization = quantization;
        var capacity = Math.Max(initialCapacity, 16);
        ids = new int[capacity];
        floats = quantization == VectorQuantization.None ? new float[capacity * dimension] : [];
        codes = quantization == VectorQuantization.Int8 ? new sbyte[capacity * dimension] : [];
        scales = quantization == VectorQuantization.Int8 ? new float[capacity] : [];
    }

    public int Dimension { get; }

    public int Count { get; private set; }

    public VectorQuantization Quantization { get; }

    /// <summary>Bytes held by the vector store (ids, vectors, scales), for memory reports.</summary>
    public long StorageBytes => (ids.LongLength * sizeof(int)) + (floats.LongLength * sizeof(float)) + codes.LongLength + (scales.LongLength * sizeof(float));

    public void Add(int id, ReadOnlySpan<float> vector)
    {
        EnsureDimension(vector, nameof(vector));
        EnsureCapacity(Count + 1);
        ids[Count] = id;
        if (Quantization == VectorQuantization.None)
        {
            var row = floats.AsSpan(Count * Dimension, Dimension);
            vector.CopyTo(row);
            VectorMath.NormalizeInPlace(row);
        }
        else
        {
            var unit = VectorMath.Normalized(vector);
            scales[Count] = VectorMath.QuantizeInt8(unit, codes.AsSpan(Count * Dimension, Dimension));
        }

        Count++;
    }

    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int topK)
    {
        EnsureDimension(query, nameof(query));
        if (topK <= 0 || Count == 0)
        {
            return [];
        }

        var unitQuery = VectorMath.Normalized(query);
        var collector = new TopKCollector(Math.Min(topK, Count));
        if (Quantization == VectorQuantization.None)
        {
            ScanFloat(unitQuery, collector);
        }
        else
        {
            ScanInt8(unitQuery, collector);
        }

        return collector.ToSortedArray();
    }

    public void Save(string path)
    {
        var header = new VectorIndexFileHeader(VectorIndexKind.Exact, Quantization, Dimension, Count, new HnswOptions(0, 0, 0));
        VectorIndexFile.Write(path, header, ids.AsSpan(0, Count), writer =>
        {
            if (Quantization == VectorQuantization.None)
            {
                VectorIndexFile.WriteSpan<float>(writer, floats.AsSpan(0, Count * Dimension));
            }
            else
            {
                VectorIndexFile.WriteSpan<float>(writer, scales.AsSpan(0, Count));
                VectorIndexFile.WriteSpan<sbyte>(writer, codes.AsSpan(0, Count * Dimension));
            }
        });
    }

    /// <summary>Loads an exact index written by <see cref="Save"/>.</summary>
    public static ExactVectorIndex Load(string path)
    {
        using var reader = VectorIndexFile.OpenReader(path);
        var header = VectorIndexFile.ReadHeader(reader, path);
        if (header.Kind != VectorIndexKind.Exact)
        {
            throw new InvalidDataException($"{path} holds a {header.Kind} vector index, not an exact one; use VectorIndexFactory.Load.");
        }

        var index = new ExactVectorIndex(header.Dimension, header.Quantization, header.Count);
        VectorIndexFile.ReadIds(reader, header).CopyTo(index.ids, 0);
        var values = header.Count * header.Dimension;
        if (header.Quantization == VectorQuantization.None)
        {
            VectorIndexFile.ReadExactly(reader, System.Runtime.InteropServices.MemoryMarshal.AsBytes(index.floats.AsSpan(0, values)));
        }
        else
        {
            VectorIndexFile.ReadExactly(reader, System.Runtime.InteropServices.MemoryMarshal.AsBytes(index.scales.AsSpan(0, header.Count)));
            VectorIndexFile.ReadExactly(reader, System.Runtime.InteropServices.MemoryMarshal.AsBytes(index.codes.AsSpan(0, values)));
        }

        index.Count = header.Count;
        return index;
    }

    public void Dispose()
    {
        // Managed arrays only: nothing to release.
    }

    private void ScanFloat(float[] query, TopKCollector collector)
    {
        var store = floats.AsSpan(0, Count * Dimension);
        for (var row = 0; row < Count; row++)
        {
            var score = TensorPrimitives.Dot(query, store.Slice(row * Dimension, Dimension));
            if (score > collector.Threshold)
            {
                collector.Offer(ids[row], score);
            }
        }
    }

    private void ScanInt8(float[] query, TopKCollector collector)
    {
        var queryCodes = new sbyte[Dimension];
        var queryScale = VectorMath.QuantizeInt8(query, queryCodes);
        var store = codes.AsSpan(0, Count * Dimension);
        for (var row = 0; row < Count; row++)
        {
            var score = VectorMath.DotInt8(queryCodes, store.Slice(row * Dimension, Dimension)) * queryScale * scales[row];
            if (score > collector.Threshold)
            {
                collector.Offer(ids[row], score);
            }
        }
    }

    private void EnsureDimension(ReadOnlySpan<float> vector, string parameterName)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException(
                $"Vector has {vector.Length} dimensions but this index holds {Dimension}-dimensional vectors (was it built with another embedding model?).",
                parameterName);
        }
    }

    private void EnsureCapacity(int required)
    {
        if (required <= ids.Length)
        {
            return;
        }

        var capacity = Math.Max(required, ids.Length * 2);
        Array.Resize(ref ids, capacity);
        if (Quantization == VectorQuantization.None)
        {
            Array.Resize(ref floats, capacity * Dimension);
        }
        else
        {
            Array.Resize(ref codes, capacity * Dimension);
            Array.Resize(ref scales, capacity);
        }
    }
}
