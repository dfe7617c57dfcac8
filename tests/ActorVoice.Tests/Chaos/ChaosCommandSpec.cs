using ActorVoice.Tests.Cli;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Chaos;

/// <summary><c>actorvoice chaos</c> refuses bad input with exit code 2 and an error naming what is wrong, before it starts anything.</summary>
public sealed class ChaosCommandSpec
{
    [Fact]
    public async Task A_missing_plan_file_should_exit_2_naming_the_file()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("chaos", "--plan", "hocon/faults/no-such-plan.conf");

        Assert.Equal(2, code);
        Assert.Contains("no-such-plan.conf", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_with_an_unknown_key_should_exit_2_naming_the_key()
    {
        var plan = Path.Combine(RepoPaths.TempFolder("chaos-bad-plan"), "bad.conf");
        await File.WriteAllTextAsync(plan, "actorvoice.faults { enabled = on, socket { drop-rat = 0.1 } }");

        var (code, _, stderr) = await CliProcess.RunAsync("chaos", "--plan", plan);

        Assert.Equal(2, code);
        Assert.Contains("actorvoice.faults.socket.drop-rat", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_plan_should_exit_2()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("chaos");

        Assert.Equal(2, code);
        Assert.Contains("--plan", stderr, StringComparison.Ordinal);
    }
}
