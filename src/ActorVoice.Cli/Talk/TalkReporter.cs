using System.Globalization;
using Akka.Actor;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Cli.Talk;

/// <summary>
/// Prints a live conversation as it happens: the partial transcript as it grows, the final one, then each answer's
/// sources and text. A session that fails completes the task it was given, so the command can end.
/// </summary>
public sealed class TalkReporter : ReceiveActor
{
    public TalkReporter(TextWriter output, TaskCompletionSource<string> failed)
    {
        var lastPartial = string.Empty;
        Receive<PartialTranscript>(p =>
        {
            if (p.Text != lastPartial)
            {
                lastPartial = p.Text;
                output.WriteLine($"  … {p.Text}");
            }
        });
        Receive<FinalTranscript>(f =>
        {
            lastPartial = string.Empty;
            output.WriteLine($"you: {f.Text}");
        });
        Receive<TurnCompleted>(c => Print(output, c.Result));
        Receive<SessionReconnected>(r => output.WriteLine($"  (reconnected after {r.Attempts} attempt(s): {r.Reason})"));
        Receive<SessionActor.SessionFailed>(f =>
        {
            output.WriteLine($"session failed: {f.Reason}");
            failed.TrySetResult(f.Reason);
        });
        ReceiveAny(_ => { });
    }

    public static Props Props(TextWriter output, TaskCompletionSource<string> failed) =>
        Akka.Actor.Props.Create(() => new TalkReporter(output, failed));

    private static void Print(TextWriter output, TurnResult result)
    {
        if (result.Sources.Count > 0)
        {
            output.WriteLine("sources: " + string.Join(", ", result.Sources.Select(s =>
                string.Create(CultureInfo.InvariantCulture, $"{s.Document} ({s.Score:0.00})"))));
        }

        if (!string.IsNullOrEmpty(result.Answer))
        {
            output.WriteLine($"assistant: {result.Answer}");
        }

        var outcome = result.Outcome.ToString().ToLowerInvariant();
        var firstAudio = result.Timeline.FirstAudioMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $", first audio {ms:0} ms after you stopped") : string.Empty;
        output.WriteLine(result.Error is null ? $"  ({outcome}{firstAudio})" : $"  ({outcome}: {result.Error})");
    }
}
