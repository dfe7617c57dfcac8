using System.Globalization;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Cli.Conversation;

/// <summary>Human-readable rendering of a finished turn.</summary>
public static class TurnPrinter
{
    public static void Print(TextWriter output, TurnResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Error is not null)
        {
            output.WriteLine($"  ERROR: {result.Error}");
        }

        output.WriteLine("  sources:");
        foreach (var source in result.Sources)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {source.Score,7:0.000}  {source.Document} #{source.Chunk}  ({source.Heading})"));
        }

        output.WriteLine($"  answer: {result.Answer}");
        if (result.AudioFile is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  audio: {result.AudioFile} ({result.AudioPlayedMs} ms played)"));
        }

        var t = result.Timeline;
        output.WriteLine("  timeline (ms after end of speech):");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    speech stopped {F(t.SpeechStoppedMs)} | transcript final {F(t.TranscriptFinalMs)} | retrieval done {F(t.RetrievalDoneMs)} | first audio {F(t.FirstAudioMs)} | answer audio {F(t.AnswerAudioMs)} | playback started {F(t.PlaybackStartedMs)}"));
    }

    public static string F(double? ms) => ms is null ? "—" : ms.Value.ToString("0", CultureInfo.InvariantCulture);
}
