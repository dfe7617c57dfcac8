using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVoice.Retrieval.Indexing;

/// <summary>
/// manifest.json of an index folder: how the chunks were made, which file versions they came from,
/// and which embedding model produced the vectors.
/// </summary>
public sealed record IndexManifest
{
    public const string FileName = "manifest.json";

    /// <summary>Bumped when the stored layout or the analysis chain changes; an older index is rebuilt.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public int ChunkTargetChars { get; init; }

    public int ChunkOverlapChars { get; init; }

    /// <summary>Whether the sound-alike field was indexed, and from which dictionary ("none" = n-grams only).</summary>
    public bool PhoneticEnabled { get; init; }

    public string PhoneticDictionary { get; init; } = "none";

    /// <summary>Absolute path of the documents folder the index was built from.</summary>
    public string DocumentsFolder { get; init; } = string.Empty;

    public int NextChunkId { get; init; }

    public int ChunkCount { get; init; }

    public DenseManifest? Dense { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    /// <summary>Per relative document path: content hash and the ids of its chunks.</summary>
    public Dictionary<string, DocumentEntry> Documents { get; init; } = new(StringComparer.Ordinal);

    public static string PathIn(string indexFolder) => Path.Combine(indexFolder, FileName);

    /// <exception cref="InvalidDataException">The file is not a readable manifest.</exception>
    public static IndexManifest Read(string indexFolder)
    {
        var path = PathIn(indexFolder);
        try
        {
            return JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"Index manifest '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Index manifest '{path}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes to a temporary file first so a crash never leaves half a manifest.</summary>
    public void Write(string indexFolder)
    {
        var path = PathIn(indexFolder);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }
}
