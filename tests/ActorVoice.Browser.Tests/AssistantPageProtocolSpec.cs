using System.Net.WebSockets;
using ActorVoice.Browser.Tests.Support;

namespace ActorVoice.Browser.Tests;

/// <summary>
/// The page in a real headless Chromium against a scripted /ws peer (real Kestrel, the real page): what it does with
/// each server event of the client protocol, including a barge-in that arrives while seconds of answer are queued.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AssistantPageProtocolSpec
{
    private const int Rate = 24000;
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(30);

    [ChromiumFact]
    public async Task Page_should_stream_the_microphone_play_answers_and_drop_queued_audio_at_once_on_playback_stop()
    {
        await using var assistant = await ScriptedAssistant.StartAsync();
        await using var browser = await BrowserSession.LaunchAsync(
            Path.Combine(RepoPaths.TempFolder("browser-protocol"), "profile"), microphoneWav: null, StepDeadline);
        var page = browser.Page;

        await page.GotoAsync(new Uri(assistant.BaseUri, "?token=t0k-en_1").ToString());
        await page.ClickAsync("#start");
        await assistant.Connected.WaitAsync(StepDeadline);
        Assert.Equal(["actorvoice.token.t0k-en_1"], assistant.OfferedProtocols);
        await assistant.SendAsync(new { type = "session.ready", session_id = "s-1", sample_rate = Rate });

        // The microphone streams 24 kHz PCM16 (Chromium's fake device) once the session is ready.
        await browser.WaitAsync("a second of microphone audio sent", $"() => Number(document.getElementById('sent-samples').dataset.value) >= {Rate}");
        Assert.True(assistant.MicrophoneBytes >= Rate, $"the server received {assistant.MicrophoneBytes} bytes of microphone audio");

        // Turn 1: transcripts, sources, half a second of answer audio that must be played whole, the timeline.
        await assistant.SendAsync(new { type = "speech.started", turn = 1 });
        await assistant.SendAsync(new { type = "transcript.partial", turn = 1, text = "how many vaca" });
        await browser.WaitAsync("the partial transcript", "() => document.getElementById('transcript-partial').textContent === 'how many vaca'");
        await assistant.SendAsync(new { type = "transcript.final", turn = 1, text = "how many vacation days" });
        await assistant.SendAsync(new
        {
            type = "sources", turn = 1,
            sources = new[] { new { document = "handbook/vacation.md", score = 0.83, text = "New employees get 25 vacation days." } },
        });
        await assistant.SendAsync(new { type = "turn.state", turn = 1, state = "answering" });
        await assistant.SendAsync(new { type = "answer.started", turn = 1, response_id = "r1" });
        await assistant.SendAudioAsync(Tone(Rate / 2), frameSamples: 2400);
        await assistant.SendAsync(new { type = "answer.done", turn = 1, response_id = "r1" });
        await browser.WaitAsync("the whole first answer played", $"() => Number(document.getElementById('played-samples').dataset.value) >= {Rate / 2}");
        await assistant.SendAsync(new
        {
            type = "turn.completed", turn = 1, outcome = "answered", transcript = "how many vacation days",
            answer = "From Vacation: new employees get 25 vacation days.",
            sources = new[] { new { document = "handbook/vacation.md", score = 0.83, text = "New employees get 25 vacation days." } },
            timeline = new
            {
                marks = new object[]
                {
                    new { name = "speech_start.service_vad", at_ms = -1800.0 },
                    new { name = "speech_end.service_vad", at_ms = 0.0 },
                    new { name = "final_transcript", at_ms = 310.5 },
                    new { name = "answer_ready", at_ms = 352.0 },
                    new { name = "first_audio", at_ms = 640.2 },
                },
                first_audio_ms = 640.2,
                final_transcript_ms = 310.5,
            },
        });
        await browser.WaitAsync("the completed turn", "() => document.body.dataset.turnsCompleted === '1'");
        await browser.ScreenshotAsync(Path.Combine(RepoPaths.Artifacts("browser"), "page-scripted-turn.png"));

        Assert.Equal("how many vacation days", await page.InnerTextAsync("#transcript-final"));
        Assert.Equal("handbook/vacation.md", await page.GetAttributeAsync("#sources li", "data-document"));
        Assert.Contains("25 vacation days", await page.InnerTextAsync("#sources"), StringComparison.Ordinal);
        Assert.Equal(5, await browser.NumberAsync("#timeline", "data-marks"));
        Assert.Contains("first audio at 640 ms", await page.GetAttributeAsync("#timeline", "aria-label") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(Rate / 2, await browser.NumberAsync("#played-samples"));

        // Turn 2: ten seconds of answer queued at once, then the server's barge-in: the page drops it all at once.
        await assistant.SendAsync(new { type = "answer.started", turn = 2, response_id = "r2" });
        await assistant.SendAudioAsync(Tone(Rate * 10), frameSamples: 4800);
        await assistant.SendAsync(new { type = "playback.stop", turn = 2, response_id = "r2", reason = "barge-in" });
        await browser.WaitAsync("the queued answer dropped", $"() => Number(document.getElementById('dropped-samples').dataset.value) > {Rate * 9}");
        var playedAtStop = await browser.NumberAsync("#played-samples");
        await assistant.SendAudioAsync(Tone(Rate), frameSamples: 4800); // late chunks of the stopped response
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(playedAtStop, await browser.NumberAsync("#played-samples"));
        Assert.InRange(playedAtStop - (Rate / 2), 0, Rate); // at most a second of r2 was heard before the stop
    }

    [ChromiumFact]
    public async Task Page_should_go_silent_on_playback_pause_keep_the_answer_and_play_it_on_after_playback_resume()
    {
        await using var assistant = await ScriptedAssistant.StartAsync();
        await using var browser = await BrowserSession.LaunchAsync(
            Path.Combine(RepoPaths.TempFolder("browser-pause"), "profile"), microphoneWav: null, StepDeadline);
        var page = browser.Page;
        await page.GotoAsync(new Uri(assistant.BaseUri, "?token=t0k-en_1").ToString());
        await page.ClickAsync("#start");
        await assistant.Connected.WaitAsync(StepDeadline);
        await assistant.SendAsync(new { type = "session.ready", session_id = "s-1", sample_rate = Rate });

        // Five seconds of answer queued at once; a possible barge-in pauses it a little way in.
        await assistant.SendAsync(new { type = "answer.started", turn = 1, response_id = "r1" });
        await assistant.SendAudioAsync(Tone(Rate * 5), frameSamples: 4800);
        await assistant.SendAsync(new { type = "answer.done", turn = 1, response_id = "r1" });
        await browser.WaitAsync("a quarter second played", $"() => Number(document.getElementById('played-samples').dataset.value) >= {Rate / 4}");
        await assistant.SendAsync(new { type = "playback.pause", turn = 1, response_id = "r1" });
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // the pause and the last progress report have arrived
        var playedAtPause = await browser.NumberAsync("#played-samples");
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Silent while paused: nothing more was played, and nothing was dropped.
        Assert.Equal(playedAtPause, await browser.NumberAsync("#played-samples"));
        Assert.True(playedAtPause < Rate * 2, $"{playedAtPause} samples were played before the pause took effect");
        Assert.Equal(0, await browser.NumberAsync("#dropped-samples"));

        // Not a barge-in after all: the same answer plays on from where it paused, to its end.
        await assistant.SendAsync(new { type = "playback.resume", turn = 1, response_id = "r1" });
        await browser.WaitAsync("the rest of the answer played", $"() => Number(document.getElementById('played-samples').dataset.value) >= {Rate * 5}");
        Assert.Equal(0, await browser.NumberAsync("#dropped-samples"));
    }

    [ChromiumFact]
    public async Task Page_should_say_why_when_the_server_refuses_the_session()
    {
        await using var assistant = await ScriptedAssistant.StartAsync(((WebSocketCloseStatus)4401, "unauthorized"));
        await using var browser = await BrowserSession.LaunchAsync(
            Path.Combine(RepoPaths.TempFolder("browser-refused"), "profile"), microphoneWav: null, StepDeadline);
        var page = browser.Page;

        await page.GotoAsync(new Uri(assistant.BaseUri, "?token=wrong").ToString());
        await page.ClickAsync("#start");
        await browser.WaitAsync("the refusal", "() => document.body.dataset.closeCode === '4401'");

        var status = await page.InnerTextAsync("#status");
        Assert.Contains("not authorised", status, StringComparison.Ordinal);
        Assert.Contains("4401", status, StringComparison.Ordinal);
        Assert.Equal("error", await page.GetAttributeAsync("#status", "data-state"));
        Assert.True(await page.IsEnabledAsync("#start"), "Start is offered again after a refusal");
    }

    private static short[] Tone(int samples)
    {
        var tone = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            tone[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / Rate));
        }

        return tone;
    }
}
