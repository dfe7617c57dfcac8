using ActorVoice.Retrieval.Fusion;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ActorVoice.Evaluation.Ranking;

/// <summary>
/// A minimal in-memory BM25 ranker (RAMDirectory, EnglishAnalyzer, BM25Similarity) so the benchmarks run on
/// their own. Queries are analysed with the same analyzer and OR-ed as term queries, so no query syntax can
/// fail to parse. Thread-safe for searches once built.
/// </summary>
public sealed class LuceneBm25Ranker : IDisposable
{
    private const string IdField = "id";
    private const string TextField = "text";
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly RAMDirectory directory;
    private readonly Analyzer analyzer;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly string[] idsByDocument;
    private readonly int[] positionsByDocument;

    private LuceneBm25Ranker(RAMDirectory directory, Analyzer analyzer, Dictionary<string, int> positionsById)
    {
        this.directory = directory;
        this.analyzer = analyzer;
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };

        // Resolving ids once avoids a stored-field read per hit at query time.
        idsByDocument = new string[reader.MaxDoc];
        positionsByDocument = new int[reader.MaxDoc];
        for (var document = 0; document < reader.MaxDoc; document++)
        {
            idsByDocument[document] = reader.Document(document).Get(IdField);
            positionsByDocument[document] = positionsById[idsByDocument[document]];
        }
    }

    public int Count => idsByDocument.Length;

    public static LuceneBm25Ranker Build(IEnumerable<(string Id, string Text)> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var directory = new RAMDirectory();
        var analyzer = new EnglishAnalyzer(Version);
        var config = new IndexWriterConfig(Version, analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 64,
        };
        var positionsById = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var writer = new IndexWriter(directory, config))
        {
            var idField = new StringField(IdField, string.Empty, Field.Store.YES);
            var textField = new TextField(TextField, string.Empty, Field.Store.NO);
            var document = new Document { idField, textField };
            foreach (var (id, text) in passages)
            {
                if (!positionsById.TryAdd(id, positionsById.Count))
                {
                    throw new ArgumentException($"Passage id '{id}' occurs twice.", nameof(passages));
                }

                idField.SetStringValue(id);
                textField.SetStringValue(text);
                writer.AddDocument(document);
            }

            writer.Commit();
        }

        return new LuceneBm25Ranker(directory, analyzer, positionsById);
    }

    public IReadOnlyList<(string Id, double Score)> Search(string query, int topK)
    {
        return Hits(query, topK).Select(hit => (idsByDocument[hit.Doc], (double)hit.Score)).ToArray();
    }

    /// <summary>Like <see cref="Search"/>, with each passage named by its position in the build input (for fusion).</summary>
    public IReadOnlyList<RankedId> SearchPositions(string query, int topK)
    {
        return Hits(query, topK).Select(hit => new RankedId(positionsByDocument[hit.Doc], hit.Score)).ToArray();
    }

    private ScoreDoc[] Hits(string query, int topK)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (topK <= 0)
        {
            return [];
        }

        var terms = Analyze(query);
        if (terms.Count == 0)
        {
            return [];
        }

        var booleanQuery = new BooleanQuery();
        foreach (var term in terms)
        {
            booleanQuery.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        }

        return searcher.Search(booleanQuery, topK).ScoreDocs;
    }

    public void Dispose()
    {
        reader.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }

    private List<string> Analyze(string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(TextField, text);
        var termAttribute = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < BooleanQuery.MaxClauseCount)
        {
            terms.Add(termAttribute.ToString());
        }

        stream.End();
        return terms;
    }
}
