using System.Reflection;
using System.Reflection.Emit;
using ActorVoice.LocalServer.Sessions;

namespace ActorVoice.Protocol.Tests.Server.Sessions;

/// <summary>
/// A structural check beside the behavioural ones (<see cref="OffLoopDecodingTests"/>, <see cref="ConcurrentClientEventsTests"/>):
/// a session's state belongs to its loop, so nothing in the server's session and transcription code holds a lock or
/// calls into one. Reads the compiled code, compiler-made state machines and closures included.
/// </summary>
public sealed class SessionLockFreedomTests
{
    private static readonly Type[] LockTypes = [typeof(Lock), typeof(Monitor), typeof(SemaphoreSlim), typeof(Mutex), typeof(ReaderWriterLockSlim), typeof(SpinLock)];

    private static readonly string[] Namespaces = ["ActorVoice.LocalServer.Sessions", "ActorVoice.LocalServer.Transcription"];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void Session_code_should_hold_no_lock_field()
    {
        var fields = SessionTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => LockTypes.Contains(f.FieldType))
            .Select(f => $"{f.DeclaringType}.{f.Name}")
            .ToList();

        Assert.Empty(fields);
    }

    [Fact]
    public void Session_code_should_call_no_locking_primitive()
    {
        var calls = new List<string>();
        foreach (var method in SessionTypes().SelectMany(MethodsOf))
        {
            foreach (var callee in CalleesOf(method))
            {
                if (LockTypes.Contains(callee.DeclaringType))
                {
                    calls.Add($"{method.DeclaringType}.{method.Name} calls {callee.DeclaringType!.Name}.{callee.Name}");
                }
            }
        }

        Assert.Empty(calls);
    }

    [Fact]
    public void The_reader_should_see_calls_so_that_an_empty_result_means_something()
    {
        // Guards the check above: the IL reader finds the calls a session method is known to make.
        var handle = typeof(RealtimeServerSession).Assembly.GetTypes()
            .Single(t => t.FullName == "ActorVoice.LocalServer.Sessions.SessionInbox")
            .GetMethod("Post")!;

        Assert.Contains(CalleesOf(handle), m => m.Name == "TryWrite");
    }

    private static IEnumerable<Type> SessionTypes() =>
        typeof(RealtimeServerSession).Assembly.GetTypes().Where(t => Namespaces.Any(n => t.Namespace?.StartsWith(n, StringComparison.Ordinal) == true));

    private static IEnumerable<MethodBase> MethodsOf(Type type)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
    }

    /// <summary>The methods <paramref name="method"/> calls, read from its IL.</summary>
    private static IEnumerable<MethodBase> CalleesOf(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var position = 0;
        while (position < il.Length)
        {
            var value = (short)il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            var opCode = OpCodesByValue[value];
            var operandSize = opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                var token = BitConverter.ToInt32(il, position);
                var callee = method.Module.ResolveMethod(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
                if (callee is not null)
                {
                    yield return callee;
                }
            }

            position += operandSize;
        }
    }
}
