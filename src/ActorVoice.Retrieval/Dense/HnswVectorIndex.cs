using Cloud.Unum.USearch;

namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// Approximate cosine search on a USearch HNSW graph. Queries are sub-millisecond at 100k vectors, but
/// building costs about 1–2.5k vectors/s on one core of the reference VM, so small corpora use
/// <see cref="ExactVectorIndex"/> instead (see <see cref="VectorIndexFactory"/>).
/// Calls into the native index are serialised: the binding does not document concurrent use.
/// </summary>
public sealed class HnswVectorIndex : IVectorIndex
{
    private readonly USearchIndex native;
    private readonly List<int> ids;
    private readonly Lock gate = new();
    private bool disposed;

    public HnswVectorIndex(int dimension, HnswOptions? options = null)
        : this(dimension, options ?? HnswOptions.Default, CreateNative(dimension, options ?? HnswOptions.Default), [])
    {
    }

    private HnswVectorIndex(int dimension, HnswOptions options, USearchIndex native, List<int> ids)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Dimension = dimension;
        Options = options;
        this.native = native;
        this.ids = ids;
    }

    public int Dimension { get; }

    public HnswOptions Options { get; }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return ids.Count;
            }
        }
    }

    public void Add(int id, ReadOnlySpan<float> vector)
    {
        EnsureDimension(vector, nameof(vector));
        var unit = VectorMath.Normalized(vector);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (native.Contains((ulong)id))
            {
                throw new ArgumentException($"Id {id} is already in the HNSW index.", nameof(id));
            }

            native.Add((ulong)id, unit);
            ids.Add(id);
        }
    }

    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int topK)
    {
        EnsureDimension(query, nameof(query));
        if (topK <= 0)
        {
            return [];
        }

        var unit = VectorMath.Normalized(query);
        ulong[] keys;
        float[] distances;
        int found;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (ids.Count == 0)
            {
                return [];
            }

            keys = new ulong[topK];
            distances = new float[topK];
            found = native.Search(unit, topK, out keys, out distances);
        }

        var matches = new VectorMatch[found];
        for (var i = 0; i < found; i++)
        {
            // USearch reports cosine distance (1 - similarity).
            matches[i] = new VectorMatch((int)keys[i], 1f - distances[i]);
        }

        return matches;
    }

    /// <summary>Writes the ids and vectors in the common format and the graph beside it.</summary>
    public void Save(string path)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var header = new VectorIndexFileHeader(VectorIndexKind.Hnsw, VectorQuantization.None, Dimension, ids.Count, Options);
            VectorIndexFile.Write(path, header, ids.ToArray(), writer =>
            {
                foreach (var id in ids)
                {
                    native.Get((ulong)id, out float[] vector);
                    VectorIndexFile.WriteSpan<float>(writer, vector);
                }
            });
            native.Save(VectorIndexFile.GraphPath(path));
        }
    }

    /// <summary>
    /// Loads an index written by <see cref="Save"/>: from the saved graph when it is present and matches,
    /// otherwise by rebuilding the graph from the stored vectors.
    /// </summary>
    public static HnswVectorIndex Load(string path)
    {
        using var reader = VectorIndexFile.OpenReader(path);
        var header = VectorIndexFile.ReadHeader(reader, path);
        if (header.Kind != VectorIndexKind.Hnsw)
        {
            throw new InvalidDataException($"{path} holds a {header.Kind} vector index, not an HNSW one; use VectorIndexFactory.Load.");
        }

        var storedIds = VectorIndexFile.ReadIds(reader, header);
        var graphPath = VectorIndexFile.GraphPath(path);
        if (File.Exists(graphPath))
        {
            var loaded = new USearchIndex(graphPath);
            if (loaded.Size() == (ulong)header.Count && loaded.Dimensions() == (ulong)header.Dimension)
            {
                return new HnswVectorIndex(header.Dimension, header.Hnsw, loaded, [.. storedIds]);
            }

            loaded.Dispose();
        }

        var index = new HnswVectorIndex(header.Dimension, header.Hnsw);
        var vector = new float[header.Dimension];
        foreach (var id in storedIds)
        {
            VectorIndexFile.ReadExactly(reader, System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
            index.Add(id, vector);
        }

        return index;
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (!disposed)
            {
                disposed = true;
                native.Dispose();
            }
        }
    }

    private static USearchIndex CreateNative(int dimension, HnswOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        return new USearchIndex(
            MetricKind.Cos,
            ScalarKind.Float32,
            (ulong)dimension,
            (ulong)options.Connectivity,
            (ulong)options.ExpansionAdd,
            (ulong)options.ExpansionSearch);
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
}
