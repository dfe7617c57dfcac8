namespace ActorVoice.Retrieval.Indexing;

/// <summary>Paths inside an index folder: manifest.json, lucene/, vectors.bin and the saved vector index.</summary>
public static class IndexLayout
{
    public const string LuceneFolderName = "lucene";
    public const string VectorIndexFileName = "vectors.index";

    public static string LuceneFolder(string indexFolder) => Path.Combine(indexFolder, LuceneFolderName);

    public static string VectorIndexFile(string indexFolder) => Path.Combine(indexFolder, VectorIndexFileName);
}
