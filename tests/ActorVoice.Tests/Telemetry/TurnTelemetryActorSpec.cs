using System.Text.Json;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Telemetry;
using ActorVoice.Engine.Turns;

namespace ActorVoice.Tests.Telemetry;

/// <summary>The session's telemetry observer: passes notifications on and writes the JSONL trace of each turn.</summary>
public sealed class TurnTelemetryActorSpec : TestKit
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actorvoice-tests", "trace-" + Guid.NewGuid().ToString("N"));
    private readonly VoiceTelemetry _telemetry = new();

    [Fact]
    public async Task A_completed_turn_should_be_traced_as_marks_jobs_and_a_summary_and_passed_on()
    {
        var next = CreateTestProbe();
        var file = Path.Combine(_folder, "session.jsonl");
        var actor = Sys.ActorOf(TurnTelemetryActor.Props(next, _telemetry, "session", file));

        actor.Tell(new TurnStateChanged(7, "transcribing", 100));
        await next.ExpectMsgAsync<TurnStateChanged>();
        // The subscription is made in PreStart; a message round trip above guarantees it is in place.
        Sys.EventStream.Publish(new SpeculatorActor.JobChanged(7, 1, "how many vacation", true, JobChange.Started));
        Sys.EventStream.Publish(new SpeculatorActor.JobChanged(7, 1, "how many vacation", true, JobChange.Succeeded));
        Sys.EventStream.Publish(new SpeculatorActor.JobChanged(8, 9, "another turn", true, JobChange.Started));
        var result = TurnSpansSpec.Turn();
        actor.Tell(new TurnCompleted(result));
        var passed = await next.ExpectMsgAsync<TurnCompleted>();
        Assert.Same(result, passed.Result);

        var lines = (await File.ReadAllLinesAsync(file)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(result.Timeline.Marks.Count, lines.Count(l => l.GetProperty("type").GetString() == "mark"));
        var jobs = lines.Where(l => l.GetProperty("type").GetString() == "job").ToList();
        Assert.Equal(["started", "succeeded"], jobs.Select(j => j.GetProperty("change").GetString()));
        Assert.All(jobs, j => Assert.Equal(1, j.GetProperty("jobId").GetInt64()));
        var summary = lines[^1];
        Assert.Equal("turn", summary.GetProperty("type").GetString());
        Assert.Equal(7, summary.GetProperty("turn").GetInt32());
        Assert.Equal(1100, summary.GetProperty("answerAudioMs").GetDouble());
        Assert.Equal(1, summary.GetProperty("speculation").GetProperty("reused").GetInt32());
        var times = lines.Take(lines.Count - 1).Select(l => l.GetProperty("atMs").GetDouble()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task Other_messages_should_be_passed_on_unchanged()
    {
        var next = CreateTestProbe();
        var actor = Sys.ActorOf(TurnTelemetryActor.Props(next, _telemetry, "session", traceFile: null));

        actor.Tell(new PartialTranscript(1, "how many"));
        actor.Tell("session failed");

        Assert.Equal("how many", (await next.ExpectMsgAsync<PartialTranscript>()).Text);
        Assert.Equal("session failed", await next.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task It_should_stop_when_its_session_stops()
    {
        var session = CreateTestProbe();
        var actor = Sys.ActorOf(TurnTelemetryActor.Props(null, _telemetry, "session", traceFile: null));
        actor.Tell(new TurnTelemetryActor.StopWith(session));
        Watch(actor);

        Sys.Stop(session);

        await ExpectTerminatedAsync(actor);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _telemetry.Dispose();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
