using System.Security.Cryptography;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>OpenAI-style ids: a prefix and random base62 characters (<c>item_…</c>, <c>resp_…</c>, <c>event_…</c>).</summary>
public static class IdGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Next(string prefix) => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, 20);
}
