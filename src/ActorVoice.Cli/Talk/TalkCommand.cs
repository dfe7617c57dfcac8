using System.CommandLine;
using System.Globalization;
using ActorVoice.Audio.Devices;
using ActorVoice.Cli.Conversation;
using ActorVoice.Cli.Runtime;

namespace ActorVoice.Cli.Talk;

/// <summary>
/// <c>actorvoice talk [--list-devices] [--input-device N|NAME] [--output-device N|NAME] (--docs DIR | --index DIR)
/// [--duration S]</c>: a live conversation through the machine's microphone and speakers until Ctrl+C.
/// Exit codes: 0 ended normally, 1 the session failed, 2 bad input or no usable audio device.
/// </summary>
internal static class TalkCommand
{
    public static Command Create()
    {
        var config = new ConfigOptions();
        var listDevices = new Option<bool>("--list-devices") { Description = "List the audio devices (index, name, host API, channels, rate) and exit." };
        var inputDevice = new Option<string?>("--input-device") { Description = "Microphone: a device index or (part of) a name from --list-devices; default: the system's default input." };
        var outputDevice = new Option<string?>("--output-device") { Description = "Speaker: a device index or (part of) a name from --list-devices; default: the system's default output." };
        var docs = new Option<string?>("--docs") { Description = "Documents folder to index (cached; only changed files are re-indexed)." };
        var index = new Option<string?>("--index") { Description = "A folder built by 'actorvoice index'." };
        var duration = new Option<double?>("--duration") { Description = "End after this many seconds (default: run until Ctrl+C)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every state transition to stderr." };
        var command = CliCommand.Create(
            "talk",
            "Talk to the assistant through this machine's microphone and speakers (PortAudio; WinMM on Windows).",
            [listDevices, inputDevice, outputDevice, docs, index, duration, verbose, .. config.All]);
        command.Validators.Add(result =>
        {
            if (result.GetValue(listDevices))
            {
                return;
            }

            if ((result.GetValue(docs) is null) == (result.GetValue(index) is null))
            {
                result.AddError("Give exactly one of --docs DIR or --index DIR.");
            }

            if (result.GetValue(duration) is <= 0)
            {
                result.AddError("--duration must be a positive number of seconds.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(listDevices))
            {
                return await ListAsync();
            }

            var docsDir = parse.GetValue(docs);
            if (docsDir is not null && !Directory.Exists(docsDir))
            {
                await Console.Error.WriteLineAsync($"error: Documents folder not found: {docsDir}");
                return 2;
            }

            var options = new TalkOptions(
                parse.GetValue(inputDevice),
                parse.GetValue(outputDevice),
                docsDir,
                parse.GetValue(index) ?? AskCommand.CachedIndexFolder(docsDir!),
                parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                parse.GetValue(verbose));
            return await TalkSession.RunAsync(options, config.Load(parse, [], []), Console.Out, ct);
        });
        return command;
    }

    private static async Task<int> ListAsync()
    {
        try
        {
            using var backend = AudioBackends.Open();
            var devices = backend.Devices();
            if (devices.Count == 0)
            {
                await Console.Error.WriteLineAsync($"error: {backend.Name} found no audio devices. {NoDeviceHint()}");
                return 2;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{backend.Name}: {devices.Count} device(s)"));
            foreach (var device in devices)
            {
                Console.WriteLine(device);
            }

            return 0;
        }
        catch (AudioDeviceException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 2;
        }
    }

    internal static string NoDeviceHint() =>
        OperatingSystem.IsLinux()
            ? "Is a sound server running? On a machine without a sound card, scripts/virtual-audio.sh starts virtual ones."
            : "Connect a microphone and speakers, or check the system's sound settings.";
}
