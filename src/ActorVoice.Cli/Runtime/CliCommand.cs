using System.CommandLine;

namespace ActorVoice.Cli.Runtime;

/// <summary>Builds a command from its arguments and options, listed once.</summary>
internal static class CliCommand
{
    public static Command Create(string name, string description, params IEnumerable<Symbol> symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
                default:
                    throw new ArgumentException($"A command takes arguments and options, not {symbol.GetType().Name}.", nameof(symbols));
            }
        }

        return command;
    }
}
