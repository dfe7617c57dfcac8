using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVoice.Cli.Conversation;

/// <summary>One entry of samples/questions/manifest.json: a spoken question and the document that answers it.</summary>
public sealed record SampleQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("document")] string Document)
{
    [JsonPropertyName("keywords")]
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Reads a manifest; a missing or malformed file is a clear error.</summary>
    public static IReadOnlyList<SampleQuestion> Load(string manifestPath)
    {
        if (!System.IO.File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"Question manifest not found: {manifestPath}", manifestPath);
        }

        try
        {
            return JsonSerializer.Deserialize<List<SampleQuestion>>(System.IO.File.ReadAllText(manifestPath))
                ?? throw new InvalidDataException($"{manifestPath} holds no questions.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{manifestPath} is not a valid question manifest: {ex.Message}", ex);
        }
    }
}
