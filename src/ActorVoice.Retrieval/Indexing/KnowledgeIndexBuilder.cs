using System.Diagnostics;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Ingestion;
using ActorVoice.Retrieval.Lexical;
using ActorVoice.Retrieval.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace ActorVoice.Retrieval.Indexing;

/// <summary>
/// Builds or refreshes an index folder from a documents folder. Only files whose SHA-256 changed are re-chunked
/// (their old chunks and vectors are deleted first); a change of chunking, analysis or embedding model rebuilds all.
/// </summary>
internal static class KnowledgeIndexBuilder
{
    public static IndexBuildReport Run(
        string documentsFolder,
        string indexFolder,
        RetrievalOptions options,
        DenseRetrieval? dense,
        IProgress<IndexBuildProgress>? progress,
        CancellationToken cancellationToken)
    {
        options.Validate();
        var stopwatch = Stopwatch.StartNew();
        var files = DocumentFolderReader.FindFiles(documentsFolder);
        System.IO.Directory.CreateDirectory(indexFolder);

        var dictionary = options.PhoneticEnabled ? PhoneticDictionary.LoadOrEmpty(options.PhoneticDictionaryPath) : PhoneticDictionary.Empty;
        var previous = ReadReusableManifest(indexFolder, options, dictionary, dense);
        var fullRebuild = previous is null;
        var documents = previous is null
            ? new Dictionary<string, DocumentEntry>(StringComparer.Ordinal)
            : new Dictionary<string, DocumentEntry>(previous.Documents, StringComparer.Ordinal);
        var nextChunkId = previous?.NextChunkId ?? 0;
        var vectors = dense is null ? null : LoadReusableVectors(indexFolder, previous, dense.Embedder.Dimension);

        var skipped = new List<SkippedFile>();
        var toIndex = new List<LoadedDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, updated = 0, unchanged = 0;
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new IndexBuildProgress("scan", i, files.Count, files[i].RelativePath));
            var (document, skip) = DocumentFolderReader.TryLoad(files[i]);
            if (document is null)
            {
                skipped.Add(skip!);
                continue;
            }

            seen.Add(document.File.RelativePath);
            if (documents.TryGetValue(document.File.RelativePath, out var entry))
            {
                if (entry.Sha256 == document.Sha256)
                {
                    unchanged++;
                    continue;
                }

                updated++;
            }
            else
            {
                added++;
            }

            toIndex.Add(document);
        }

        progress?.Report(new IndexBuildProgress("scan", files.Count, files.Count));
        var removed = documents.Keys.Where(path => !seen.Contains(path)).ToList();

        var analyzerDictionary = options.PhoneticEnabled ? dictionary : PhoneticDictionary.Empty;
        using var analyzer = LexicalFields.CreateIndexAnalyzer(analyzerDictionary);
        using var directory = FSDirectory.Open(IndexLayout.LuceneFolder(indexFolder));
        var config = new IndexWriterConfig(LexicalFields.LuceneVersion, analyzer)
        {
            Similarity = new BM25Similarity(options.Bm25K1, options.Bm25B),
            OpenMode = fullRebuild ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
        };

        var chunker = new DocumentChunker(options.ChunkTargetChars, options.ChunkOverlapChars);
        var written = 0;
        using (var writer = OpenWriter(directory, config, indexFolder))
        {
            foreach (var path in removed.Concat(toIndex.Select(d => d.File.RelativePath)))
            {
                if (documents.Remove(path, out var old))
                {
                    writer.DeleteDocuments(new Term(LexicalFields.Document, path));
                    foreach (var id in old.ChunkIds)
                    {
                        vectors?.Remove(id);
                    }
                }
            }

            var pendingEmbeddings = new List<(int Id, string Text)>();
            for (var i = 0; i < toIndex.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var document = toIndex[i];
                progress?.Report(new IndexBuildProgress("chunk", i, toIndex.Count, document.File.RelativePath));
                var chunks = chunker.Chunk(document.File.RelativePath, document.Text, document.File.Format);
                var ids = new List<int>(chunks.Count);
                foreach (var chunk in chunks)
                {
                    var id = nextChunkId++;
                    ids.Add(id);
                    writer.AddDocument(ToLuceneDocument(id, chunk, options.PhoneticEnabled));
                    pendingEmbeddings.Add((id, EmbeddingText(chunk)));
                }

                if (chunks.Count == 0)
                {
                    skipped.Add(new SkippedFile(document.File.RelativePath, "no text after removing markup"));
                    continue;
                }

                documents[document.File.RelativePath] = new DocumentEntry(document.Sha256, ids);
                written += chunks.Count;
            }

            progress?.Report(new IndexBuildProgress("chunk", toIndex.Count, toIndex.Count));
            if (dense is not null && vectors is not null)
            {
                Embed(dense.Embedder, pendingEmbeddings, vectors, options.EmbeddingBatchSize, progress, cancellationToken);
            }

            writer.Commit();
        }

        var chunkCount = documents.Values.Sum(d => d.ChunkIds.Count);
        DenseManifest? denseManifest = null;
        if (dense is not null && vectors is not null)
        {
            var vectorsChanged = fullRebuild || removed.Count > 0 || toIndex.Count > 0
                || !File.Exists(IndexLayout.VectorIndexFile(indexFolder));
            if (vectorsChanged)
            {
                vectors.Write(VectorStore.PathIn(indexFolder));
                progress?.Report(new IndexBuildProgress("vectors", 0, vectors.Count));
                using var vectorIndex = CreateVectorIndex(dense, vectors);
                vectorIndex.Save(IndexLayout.VectorIndexFile(indexFolder));
                progress?.Report(new IndexBuildProgress("vectors", vectors.Count, vectors.Count));
            }

            denseManifest = new DenseManifest(dense.Embedder.ModelName, dense.Embedder.Dimension, vectors.Count);
        }
        else
        {
            // An index without an embedder keeps no stale vectors around.
            File.Delete(VectorStore.PathIn(indexFolder));
            File.Delete(IndexLayout.VectorIndexFile(indexFolder));
        }

        new IndexManifest
        {
            ChunkTargetChars = options.ChunkTargetChars,
            ChunkOverlapChars = options.ChunkOverlapChars,
            PhoneticEnabled = options.PhoneticEnabled,
            PhoneticDictionary = analyzerDictionary.Source,
            DocumentsFolder = Path.GetFullPath(documentsFolder),
            NextChunkId = nextChunkId,
            ChunkCount = chunkCount,
            Dense = denseManifest,
            UpdatedUtc = DateTimeOffset.UtcNow,
            Documents = documents,
        }.Write(indexFolder);

        progress?.Report(new IndexBuildProgress("done", chunkCount, chunkCount));
        return new IndexBuildReport(fullRebuild, added, updated, removed.Count, unchanged, written, chunkCount, skipped, stopwatch.Elapsed);
    }

    private static IndexWriter OpenWriter(FSDirectory directory, IndexWriterConfig config, string indexFolder)
    {
        try
        {
            return new IndexWriter(directory, config);
        }
        catch (LockObtainFailedException e)
        {
            throw new InvalidOperationException($"Index '{Path.GetFullPath(indexFolder)}' is being written by another build; wait for it to finish.", e);
        }
    }

    /// <summary>Fills a fresh vector index from the stored vectors (ids ascending, so builds are reproducible).</summary>
    public static IVectorIndex CreateVectorIndex(DenseRetrieval dense, VectorStore vectors)
    {
        var index = dense.CreateIndex(vectors.Dimension, vectors.Count);
        try
        {
            foreach (var (id, vector) in vectors.Entries)
            {
                index.Add(id, vector);
            }

            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>The text a chunk is embedded from: its heading path gives the passage its topic.</summary>
    public static string EmbeddingText(DocumentChunk chunk) =>
        string.IsNullOrEmpty(chunk.HeadingPath) ? chunk.Text : chunk.HeadingPath + "\n" + chunk.Text;

    private static Document ToLuceneDocument(int id, DocumentChunk chunk, bool phonetic)
    {
        var document = new Document
        {
            new StoredField(LexicalFields.ChunkId, id),
            new StringField(LexicalFields.Document, chunk.Document, Field.Store.YES),
            new StoredField(LexicalFields.ChunkIndex, chunk.ChunkIndex),
            new TextField(LexicalFields.Heading, chunk.HeadingPath, Field.Store.YES),
            new TextField(LexicalFields.Text, chunk.Text, Field.Store.YES),
            new StoredField(LexicalFields.StartOffset, chunk.StartOffset),
            new StoredField(LexicalFields.EndOffset, chunk.EndOffset),
        };
        if (phonetic)
        {
            document.Add(new TextField(LexicalFields.Phonetic, chunk.HeadingPath + "\n" + chunk.Text, Field.Store.NO));
        }

        return document;
    }

    private static void Embed(
        ITextEmbedder embedder,
        List<(int Id, string Text)> pending,
        VectorStore vectors,
        int batchSize,
        IProgress<IndexBuildProgress>? progress,
        CancellationToken cancellationToken)
    {
        for (var start = 0; start < pending.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new IndexBuildProgress("embed", start, pending.Count));
            var batch = pending.GetRange(start, Math.Min(batchSize, pending.Count - start));
            var embedded = embedder.EmbedBatch([.. batch.Select(p => p.Text)], cancellationToken);
            if (embedded.Count != batch.Count)
            {
                throw new InvalidOperationException($"Embedder '{embedder.ModelName}' returned {embedded.Count} vectors for {batch.Count} texts.");
            }

            for (var i = 0; i < batch.Count; i++)
            {
                vectors.Set(batch[i].Id, embedded[i]);
            }
        }

        progress?.Report(new IndexBuildProgress("embed", pending.Count, pending.Count));
    }

    /// <summary>The existing manifest when its chunks can be kept, else null (meaning: rebuild everything).</summary>
    private static IndexManifest? ReadReusableManifest(string indexFolder, RetrievalOptions options, PhoneticDictionary dictionary, DenseRetrieval? dense)
    {
        if (!File.Exists(IndexManifest.PathIn(indexFolder)) || !System.IO.Directory.Exists(IndexLayout.LuceneFolder(indexFolder)))
        {
            return null;
        }

        IndexManifest manifest;
        try
        {
            manifest = IndexManifest.Read(indexFolder);
        }
        catch (InvalidDataException)
        {
            return null;
        }

        var sameDense = dense is null
            ? manifest.Dense is null
            : manifest.Dense is { } d && d.ModelName == dense.Embedder.ModelName && d.Dimension == dense.Embedder.Dimension
              && File.Exists(VectorStore.PathIn(indexFolder));
        var samePhonetic = manifest.PhoneticEnabled == options.PhoneticEnabled
            && (!options.PhoneticEnabled || manifest.PhoneticDictionary == dictionary.Source);
        return manifest.FormatVersion == IndexManifest.CurrentFormatVersion
            && manifest.ChunkTargetChars == options.ChunkTargetChars
            && manifest.ChunkOverlapChars == options.ChunkOverlapChars
            && samePhonetic
            && sameDense
            ? manifest
            : null;
    }

    private static VectorStore LoadReusableVectors(string indexFolder, IndexManifest? previous, int dimension)
    {
        if (previous?.Dense is null)
        {
            return new VectorStore(dimension);
        }

        var stored = VectorStore.Read(VectorStore.PathIn(indexFolder));
        return stored.Dimension == dimension ? stored : new VectorStore(dimension);
    }
}
