using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Fusion;
using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Lexical;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace ActorVoice.Retrieval.Search;

/// <summary>
/// An opened index folder (manifest.json, lucene/, and with an embedder vectors.bin + vectors.index).
/// Read-only once opened: one <see cref="IndexSearcher"/> over one <see cref="DirectoryReader"/>, which Lucene
/// allows to be shared by any number of threads; the vector index is only read. Re-index with
/// <see cref="Build"/> (touches changed files only) and open again.
/// </summary>
public sealed class KnowledgeIndex : IKnowledgeIndex
{
    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _textAnalyzer;
    private readonly Analyzer? _phoneticAnalyzer;
    private readonly LexicalQueryBuilder _queryBuilder;
    private readonly Dictionary<int, DocumentChunk> _chunkById;
    private readonly int[] _chunkIdByLuceneDoc;
    private readonly IVectorIndex? _vectors;
    private readonly CachingEmbedder? _queryEmbedder;
    private int _disposed;

    private KnowledgeIndex(string indexFolder, RetrievalOptions options, IndexManifest manifest, DenseRetrieval? dense)
    {
        IndexFolder = indexFolder;
        Options = options;
        Manifest = manifest;
        _directory = FSDirectory.Open(IndexLayout.LuceneFolder(indexFolder));
        try
        {
            _reader = DirectoryReader.Open(_directory);
            _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity(options.Bm25K1, options.Bm25B) };
            _textAnalyzer = new EnglishSearchAnalyzer();
            if (manifest.PhoneticEnabled)
            {
                var dictionary = manifest.PhoneticDictionary == PhoneticDictionary.Empty.Source
                    ? PhoneticDictionary.Empty
                    : PhoneticDictionary.LoadOrEmpty(manifest.PhoneticDictionary);
                _phoneticAnalyzer = new PhoneticAnalyzer(dictionary);
            }

            _queryBuilder = new LexicalQueryBuilder(_textAnalyzer, _phoneticAnalyzer, options.HeadingBoost, options.PhoneticWeight);
            (_chunkIdByLuceneDoc, _chunkById) = LoadChunks(_reader);
            if (dense is not null)
            {
                _vectors = OpenVectors(indexFolder, dense);
                _queryEmbedder = dense.Embedder as CachingEmbedder ?? new CachingEmbedder(dense.Embedder, options.QueryEmbeddingCacheSize);
            }
        }
        catch
        {
            DisposeResources();
            throw;
        }
    }

    public string IndexFolder { get; }

    public RetrievalOptions Options { get; }

    public IndexManifest Manifest { get; }

    public int ChunkCount => _chunkById.Count;

    /// <summary>True when an embedder was supplied, so Dense, Rrf and Weighted modes work.</summary>
    public bool HasDense => _vectors is not null;

    /// <summary>The query embedder (with its cache), when the dense side is available.</summary>
    public CachingEmbedder? QueryEmbedder => _queryEmbedder;

    /// <summary>Builds or refreshes the index folder without opening it (for the CLI and for background re-indexing).</summary>
    /// <remarks>
    /// Only changed, new and removed files are touched when the folder already holds a compatible index.
    /// </remarks>
    /// <exception cref="DirectoryNotFoundException">The documents folder does not exist.</exception>
    public static IndexBuildReport Update(
        string documentsFolder,
        string indexFolder,
        RetrievalOptions? options = null,
        IProgress<IndexBuildProgress>? progress = null,
        DenseRetrieval? dense = null,
        CancellationToken cancellationToken = default) =>
        KnowledgeIndexBuilder.Run(documentsFolder, indexFolder, options ?? RetrievalOptions.Default, dense, progress, cancellationToken);

    /// <summary><see cref="Update"/> <paramref name="indexFolder"/> from <paramref name="documentsFolder"/>, then <see cref="Open"/> it.</summary>
    /// <exception cref="DirectoryNotFoundException">The documents folder does not exist.</exception>
    public static KnowledgeIndex Build(
        string documentsFolder,
        string indexFolder,
        RetrievalOptions? options = null,
        IProgress<IndexBuildProgress>? progress = null,
        DenseRetrieval? dense = null,
        CancellationToken cancellationToken = default)
    {
        var report = Update(documentsFolder, indexFolder, options, progress, dense, cancellationToken);
        var index = Open(indexFolder, options, dense);
        index.LastBuild = report;
        return index;
    }

    /// <summary>Opens a built index.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no index.</exception>
    /// <exception cref="InvalidOperationException">The embedder's model or dimension differs from the one that built the vectors,
    /// or the default mode needs an embedder that was not given.</exception>
    public static KnowledgeIndex Open(string indexFolder, RetrievalOptions? options = null, DenseRetrieval? dense = null)
    {
        options ??= RetrievalOptions.Default;
        options.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(indexFolder);
        var folder = Path.GetFullPath(indexFolder);
        if (!File.Exists(IndexManifest.PathIn(folder)))
        {
            throw new FileNotFoundException(
                $"No index in '{folder}' ({IndexManifest.FileName} is missing). Build one first, e.g. 'actorvoice index DOCS_DIR --index {indexFolder}'.",
                IndexManifest.PathIn(folder));
        }

        var manifest = IndexManifest.Read(folder);
        if (manifest.FormatVersion != IndexManifest.CurrentFormatVersion)
        {
            throw new InvalidOperationException(
                $"Index '{folder}' has format version {manifest.FormatVersion}; this build reads version {IndexManifest.CurrentFormatVersion}. Re-index the documents.");
        }

        CheckDenseCompatible(folder, manifest, dense);
        if (dense is null && options.DefaultMode != SearchMode.Bm25)
        {
            throw new InvalidOperationException($"Default search mode {options.DefaultMode} needs an embedder, but none was given.");
        }

        return new KnowledgeIndex(folder, options, manifest, dense);
    }

    /// <summary>The report of the build that preceded this instance, when it was created by <see cref="Build"/>.</summary>
    public IndexBuildReport? LastBuild { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Search(string query, int topK, CancellationToken cancellationToken = default) =>
        [.. Search(query, topK, Options.DefaultMode, partial: false, cancellationToken).Select(h => new SearchHit(h.Chunk, h.Score))];

    /// <summary>
    /// Searches with the given mode and reports each side's score and rank. With <paramref name="partial"/> the query is a
    /// transcript still being spoken: its last, possibly unfinished word is ignored.
    /// </summary>
    /// <exception cref="InvalidOperationException">A dense mode was asked for, but the index was opened without an embedder.</exception>
    public IReadOnlyList<HybridSearchHit> Search(string query, int topK, SearchMode mode, bool partial = false, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (mode != SearchMode.Bm25 && _vectors is null)
        {
            throw new InvalidOperationException($"Search mode {mode} needs the dense side; open the index with an embedder.");
        }

        if (topK <= 0 || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var text = partial ? CachingEmbedder.CompleteWordPrefix(query) : query;
        var lexicalQuery = _queryBuilder.Build(text);
        if (lexicalQuery is null)
        {
            // Nothing but stop words or punctuation: no topic to look for on either side.
            return [];
        }

        var candidates = mode == SearchMode.Bm25 || mode == SearchMode.Dense ? topK : Math.Max(topK, Options.FusionCandidates);
        var lexical = mode == SearchMode.Dense ? [] : SearchLexical(lexicalQuery, candidates);
        cancellationToken.ThrowIfCancellationRequested();
        var dense = mode == SearchMode.Bm25 ? [] : SearchDense(text, candidates, cancellationToken);

        var fused = mode switch
        {
            SearchMode.Bm25 => RankFusion.LexicalOnly(lexical),
            SearchMode.Dense => RankFusion.DenseOnly(dense),
            SearchMode.Rrf => RankFusion.Reciprocal(lexical, dense, Options.RrfK),
            SearchMode.Weighted => RankFusion.Weighted(lexical, dense, Options.DenseWeight),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown search mode."),
        };

        var hits = new List<HybridSearchHit>(Math.Min(topK, fused.Count));
        foreach (var candidate in fused)
        {
            if (hits.Count == topK)
            {
                break;
            }

            if (_chunkById.TryGetValue(candidate.Id, out var chunk))
            {
                hits.Add(new HybridSearchHit(chunk, candidate.Score, mode, candidate.LexicalScore, candidate.LexicalRank, candidate.DenseScore, candidate.DenseRank));
            }
        }

        return hits;
    }

    /// <summary>
    /// Runs one query on each side so that the first real question pays no model loading or JIT cost
    /// (the MiniLM model loads lazily on its first embedding, about 1-2 s).
    /// </summary>
    public void WarmUp(CancellationToken cancellationToken = default)
    {
        Search("warm up query", 1, SearchMode.Bm25, partial: false, cancellationToken);
        if (HasDense)
        {
            Search("warm up query", 1, SearchMode.Rrf, partial: false, cancellationToken);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            DisposeResources();
        }
    }

    private List<RankedId> SearchLexical(Query query, int count)
    {
        var top = _searcher.Search(query, count);
        var ranked = new List<RankedId>(top.ScoreDocs.Length);
        foreach (var scoreDoc in top.ScoreDocs)
        {
            ranked.Add(new RankedId(_chunkIdByLuceneDoc[scoreDoc.Doc], scoreDoc.Score));
        }

        return ranked;
    }

    private List<RankedId> SearchDense(string text, int count, CancellationToken cancellationToken)
    {
        var vector = _queryEmbedder!.Embed(text, cancellationToken);
        var matches = _vectors!.Search(vector, count);
        return [.. matches.Select(m => new RankedId(m.Id, m.Score))];
    }

    private static (int[] IdByLuceneDoc, Dictionary<int, DocumentChunk> ById) LoadChunks(DirectoryReader reader)
    {
        var idByLuceneDoc = new int[reader.MaxDoc];
        var byId = new Dictionary<int, DocumentChunk>(reader.NumDocs);
        var live = MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc))
            {
                continue;
            }

            var stored = reader.Document(doc);
            var id = stored.GetField(LexicalFields.ChunkId).GetInt32Value() ?? -1;
            var chunk = new DocumentChunk(
                stored.Get(LexicalFields.Document),
                stored.GetField(LexicalFields.ChunkIndex).GetInt32Value() ?? 0,
                stored.Get(LexicalFields.Heading) ?? string.Empty,
                stored.Get(LexicalFields.Text) ?? string.Empty,
                stored.GetField(LexicalFields.StartOffset).GetInt32Value() ?? 0,
                stored.GetField(LexicalFields.EndOffset).GetInt32Value() ?? 0);
            idByLuceneDoc[doc] = id;
            byId[id] = chunk;
        }

        return (idByLuceneDoc, byId);
    }

    private static void CheckDenseCompatible(string folder, IndexManifest manifest, DenseRetrieval? dense)
    {
        if (dense is null)
        {
            return;
        }

        var embedder = dense.Embedder;
        if (manifest.Dense is null)
        {
            throw new InvalidOperationException(
                $"Index '{folder}' was built without embeddings, but an embedder ('{embedder.ModelName}') was given. Re-index with the embedder, or open without it.");
        }

        if (manifest.Dense.ModelName != embedder.ModelName || manifest.Dense.Dimension != embedder.Dimension)
        {
            throw new InvalidOperationException(
                $"Index '{folder}' holds vectors of model '{manifest.Dense.ModelName}' ({manifest.Dense.Dimension} dimensions), "
                + $"but the embedder is '{embedder.ModelName}' ({embedder.Dimension} dimensions). Re-index the documents with this model.");
        }
    }

    private static IVectorIndex OpenVectors(string folder, DenseRetrieval dense)
    {
        var saved = IndexLayout.VectorIndexFile(folder);
        var expected = VectorStore.PathIn(folder);
        if (dense.LoadIndex is not null && File.Exists(saved))
        {
            var loaded = dense.LoadIndex(saved);
            if (loaded.Dimension == dense.Embedder.Dimension)
            {
                return loaded;
            }

            loaded.Dispose();
        }

        if (!File.Exists(expected))
        {
            throw new InvalidOperationException($"Index '{folder}' lists embeddings but '{VectorStore.FileName}' is missing. Re-index the documents.");
        }

        return KnowledgeIndexBuilder.CreateVectorIndex(dense, VectorStore.Read(expected));
    }

    private void DisposeResources()
    {
        _vectors?.Dispose();
        _reader?.Dispose();
        _textAnalyzer?.Dispose();
        _phoneticAnalyzer?.Dispose();
        _directory.Dispose();
    }
}
