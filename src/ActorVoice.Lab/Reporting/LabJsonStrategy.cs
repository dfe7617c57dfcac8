using System.Text.Json.Serialization;

namespace ActorVoice.Lab.Reporting;

/// <summary>One strategy in <see cref="LabJsonSummary"/>; the property names are part of the CLI's contract.</summary>
public sealed record LabJsonStrategy(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("turns")] int Turns,
    [property: JsonPropertyName("v2vP50Ms")] double V2vP50Ms,
    [property: JsonPropertyName("v2vP99Ms")] double V2vP99Ms,
    [property: JsonPropertyName("answerP50Ms")] double AnswerP50Ms,
    [property: JsonPropertyName("ragAddedP50Ms")] double RagAddedP50Ms,
    [property: JsonPropertyName("hitRate")] double HitRate,
    [property: JsonPropertyName("agreement")] double Agreement,
    [property: JsonPropertyName("wastedJobs")] int WastedJobs);
