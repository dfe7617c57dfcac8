using System.Globalization;
using System.Text;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Lab.Reporting;

/// <summary>
/// The raw per-turn CSV: one row per (strategy, turn) in run order, columns in <see cref="Columns"/> order, invariant
/// culture, '\n' line ends, UTF-8 without BOM, so the same experiment and seed give the same bytes. Times are ms
/// relative to the end of user speech with at most one decimal; an empty cell is a mark that did not happen.
/// <c>partials_ms</c> lists the partials' times separated by ';'. <c>jobs</c> lists each retrieval job as
/// <c>start/end/cancel/kind</c> separated by ';', kind being S (speculative) or F (on the final transcript)
/// followed by + (used) or - (wasted).
/// </summary>
public static class LabCsvWriter
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "strategy", "turn", "question_id", "speech_start_ms", "speech_end_local_ms", "speech_end_service_ms", "commit_ms",
        "partials_ms", "final_transcript_ms", "jobs", "answer_ready_ms", "response_create_ms", "first_audio_ms",
        "answer_audio_ms", "bridge_audio_ms", "playback_start_ms", "playback_end_ms", "barge_in_ms", "playback_silent_ms",
        "truncate_sent_ms", "hit", "agreement", "wasted_jobs",
        "v2v_ms", "rag_added_ms",
    ];

    public static void Write(IEnumerable<LabTurn> turns, string path)
    {
        File.WriteAllText(path, ToCsv(turns), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public static string ToCsv(IEnumerable<LabTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Columns)).Append('\n');
        foreach (var turn in turns)
        {
            string[] cells =
            [
                Quote(turn.Strategy), turn.Turn.ToString(CultureInfo.InvariantCulture), Quote(turn.QuestionId),
                Ms(turn.SpeechStartMs), Ms(turn.SpeechEndLocalMs), Ms(turn.SpeechEndServiceMs), Ms(turn.CommitMs),
                string.Join(";", turn.PartialsMs.Select(ms => Ms(ms))), Ms(turn.FinalTranscriptMs), string.Join(';', turn.Jobs.Select(Job)),
                Ms(turn.AnswerReadyMs), Ms(turn.ResponseCreateMs), Ms(turn.FirstAudioMs), Ms(turn.AnswerAudioMs),
                Ms(turn.BridgeAudioMs), Ms(turn.PlaybackStartMs), Ms(turn.PlaybackEndMs), Ms(turn.BargeInMs), Ms(turn.PlaybackSilentMs),
                Ms(turn.TruncateSentMs), Flag(turn.Hit), Flag(turn.Agreement),
                turn.WastedJobs.ToString(CultureInfo.InvariantCulture), Ms(turn.VoiceToVoiceMs), Ms(turn.RagAddedMs),
            ];
            csv.Append(string.Join(',', cells)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>At most one decimal, invariant culture, no negative zero; empty for a missing mark.</summary>
    public static string Ms(double? value)
    {
        if (value is not { } ms)
        {
            return string.Empty;
        }

        var rounded = Math.Round(ms, 1, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static string Job(LabJob job) =>
        $"{Ms(job.StartMs)}/{Ms(job.EndMs)}/{Ms(job.CancelMs)}/{(job.Speculative ? 'S' : 'F')}{(job.Used ? '+' : '-')}";

    private static string Flag(bool value) => value ? "1" : "0";

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
