namespace ActorVoice.Cli.Lab;

/// <summary>
/// How the live lab runs: where its files go (<see cref="OutputFolder"/>: per strategy answer audio and the JSONL
/// trace), the index folder shared by every host, the user's <c>--config</c> and <c>--set</c> lines (applied over the
/// strategy's), and where progress is written (stderr; null for none).
/// </summary>
public sealed record LiveLabOptions(string OutputFolder, string IndexFolder, string? ConfigFile, IReadOnlyList<string> Overrides, bool Verbose, TextWriter? Progress);
