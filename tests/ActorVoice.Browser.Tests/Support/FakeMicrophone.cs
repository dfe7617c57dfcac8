using ActorVoice.Audio.Files;

namespace ActorVoice.Browser.Tests.Support;

/// <summary>
/// The WAV Chromium plays as its fake microphone (<c>--use-file-for-fake-audio-capture</c>): a sample question as
/// 16-bit PCM mono, with silence before it (the page connects first) and after it (the server's VAD needs silence
/// to end the turn; with <c>%noloop</c> the question is not repeated).
/// </summary>
internal static class FakeMicrophone
{
    private const int SampleRate = 16000;

    public static string Prepare(string question, string folder, TimeSpan leadingSilence, TimeSpan trailingSilence)
    {
        var speech = WavFile.LoadMono16(RepoPaths.Question(question), SampleRate);
        var lead = (int)(SampleRate * leadingSilence.TotalSeconds);
        var trail = (int)(SampleRate * trailingSilence.TotalSeconds);
        var samples = new short[lead + speech.Length + trail];
        speech.CopyTo(samples, lead);
        var path = Path.Combine(folder, Path.GetFileNameWithoutExtension(question) + "-mic.wav");
        WavFile.WriteMono16(path, samples, SampleRate);
        return path;
    }
}
