using System.Buffers;
using System.Text.Json;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Server.Sockets;

/// <summary>The server → client JSON events of the /ws protocol (docs/client-protocol.md), as UTF-8 bytes.</summary>
internal static class ClientEvents
{
    public static byte[] SessionReady(string sessionId, int sampleRate) => Write("session.ready", w =>
    {
        w.WriteString("session_id", sessionId);
        w.WriteNumber("sample_rate", sampleRate);
    });

    public static byte[] SpeechStarted(int turn) => Write("speech.started", w => w.WriteNumber("turn", turn));

    public static byte[] TranscriptPartial(int turn, string text) => Write("transcript.partial", w =>
    {
        w.WriteNumber("turn", turn);
        w.WriteString("text", text);
    });

    public static byte[] TranscriptFinal(int turn, string text) => Write("transcript.final", w =>
    {
        w.WriteNumber("turn", turn);
        w.WriteString("text", text);
    });

    public static byte[] Sources(int turn, IReadOnlyList<TurnSource> sources) => Write("sources", w =>
    {
        w.WriteNumber("turn", turn);
        WriteSources(w, sources);
    });

    public static byte[] AnswerStarted(int turn, string responseId) => Write("answer.started", w =>
    {
        w.WriteNumber("turn", turn);
        w.WriteString("response_id", responseId);
    });

    public static byte[] AnswerDone(int turn, string responseId) => Write("answer.done", w =>
    {
        w.WriteNumber("turn", turn);
        w.WriteString("response_id", responseId);
    });

    public static byte[] PlaybackPause(int turn, string responseId) => Write("playback.pause", w =>
    {
        w.WriteNumber("turn", turn);
        w.WriteString("response_id", responseId);
    });

    public static byte[] PlaybackResume(int turn, string responseId) => Write("playback.resume", w =>
    {
        w.WriteNumber("turn", turn);
        w.WriteString("response_id", responseId);
    });

    public static byte[] PlaybackStop(int turn, string responseId, string reason) => Write("playback.stop", w =>
    {
        w.WriteNumber("turn", turn);
        w.WriteString("response_id", responseId);
        w.WriteString("reason", reason);
    });

    /// <summary><paramref name="state"/>: listening, thinking, answering or idle; <paramref name="detail"/>: the engine's own state name.</summary>
    public static byte[] TurnState(int turn, string state, string detail, double? sinceEndOfSpeechMs) => Write("turn.state", w =>
    {
        w.WriteNumber("turn", turn);
        w.WriteString("state", state);
        w.WriteString("detail", detail);
        if (sinceEndOfSpeechMs is { } ms)
        {
            w.WriteNumber("since_end_of_speech_ms", Math.Round(ms, 1));
        }
    });

    public static byte[] TurnCompleted(TurnResult result) => Write("turn.completed", w =>
    {
        w.WriteNumber("turn", result.TurnNumber);
        w.WriteString("outcome", Outcome(result.Outcome));
        w.WriteString("transcript", result.Transcript);
        w.WriteString("answer", result.HeardAnswer.Length > 0 ? result.HeardAnswer : result.Answer);
        WriteSources(w, result.Sources);
        if (result.FallbackReason is { } reason)
        {
            w.WriteString("fallback_reason", reason);
        }

        if (result.Error is { } error)
        {
            w.WriteString("error", error);
        }

        var t = result.Timeline;
        w.WriteStartObject("timeline");
        w.WriteStartArray("marks");
        foreach (var mark in t.Marks)
        {
            w.WriteStartObject();
            w.WriteString("name", mark.Name);
            w.WriteNumber("at_ms", Math.Round(mark.AtMs, 1));
            if (mark.Detail is { } detail)
            {
                w.WriteString("detail", detail);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        Number(w, "first_audio_ms", t.FirstAudioMs);
        Number(w, "answer_audio_ms", t.AnswerAudioMs);
        Number(w, "final_transcript_ms", t.TranscriptFinalMs);
        Number(w, "retrieval_done_ms", t.RetrievalDoneMs);
        Number(w, "playback_started_ms", t.PlaybackStartedMs);
        Number(w, "playback_done_ms", t.PlaybackDoneMs);
        w.WriteEndObject();
    });

    public static byte[] SessionReconnected(SessionReconnected reconnected) => Write("session.reconnected", w =>
    {
        w.WriteNumber("attempts", reconnected.Attempts);
        w.WriteNumber("took_ms", Math.Round(reconnected.Took.TotalMilliseconds, 1));
        w.WriteString("reason", reconnected.Reason);
    });

    public static byte[] Error(string code, string message) => Write("error", w =>
    {
        w.WriteString("code", code);
        w.WriteString("message", message);
    });

    public static byte[] Pong() => Write("pong", _ => { });

    /// <summary>The protocol's outcome names: answered, interrupted, fallback, failed (superseded counts as interrupted).</summary>
    public static string Outcome(TurnOutcome outcome) => outcome switch
    {
        TurnOutcome.Answered => "answered",
        TurnOutcome.Fallback => "fallback",
        TurnOutcome.Failed => "failed",
        _ => "interrupted",
    };

    /// <summary>The protocol's coarse state for an engine state name (the engine's own goes in <c>detail</c>).</summary>
    public static string CoarseState(string engineState) => engineState switch
    {
        "idle" => "idle",
        "listening" or "user speaking" => "listening",
        "answering" => "answering",
        _ => "thinking",
    };

    private static void WriteSources(Utf8JsonWriter w, IReadOnlyList<TurnSource> sources)
    {
        w.WriteStartArray("sources");
        foreach (var source in sources)
        {
            w.WriteStartObject();
            w.WriteString("document", source.Document);
            w.WriteNumber("chunk", source.Chunk);
            w.WriteNumber("score", Math.Round(source.Score, 4));
            w.WriteString("text", source.Heading);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 1));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static byte[] Write(string type, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
