using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorVoice.Protocol.Tests.Support;
using Json.Schema;

namespace ActorVoice.Protocol.Tests.Schema;

/// <summary>
/// Validates realtime events against the schemas extracted from OpenAI's OpenAPI spec
/// (../shared/data/openai/openai-realtime-schemas.json) with JsonSchema.Net. The spec's
/// <c>#/components/schemas/X</c> references are rewritten to <c>#/$defs/X</c> of one registered 2020-12 schema;
/// each event is checked against the schema whose <c>type</c> enum names it, for its direction.
/// </summary>
public sealed class RealtimeSchemaValidator
{
    private const string BaseUri = "https://actorvoice.test/openai-realtime";
    private static readonly Lazy<RealtimeSchemaValidator> Shared = new(() => new RealtimeSchemaValidator(RepoPaths.RealtimeSchemas));

    private readonly EvaluationOptions _options = new() { OutputFormat = OutputFormat.Hierarchical };
    private readonly Dictionary<string, string> _clientSchemas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _serverSchemas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);

    private RealtimeSchemaValidator(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The OpenAI realtime schemas are missing: {path} (shared/ must be a sibling of the repository).", path);
        }

        var text = File.ReadAllText(path).Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var definitions = JsonNode.Parse(text)!["components"]!["schemas"]!.AsObject();
        RelaxOverlappingOneOf(definitions);
        AllowServiceNulls(definitions);
        foreach (var (name, schema) in definitions)
        {
            var type = schema?["properties"]?["type"]?["enum"]?[0]?.GetValue<string>();
            if (type is null)
            {
                continue;
            }

            if (name.StartsWith("RealtimeClientEvent", StringComparison.Ordinal))
            {
                _clientSchemas[type] = name;
            }
            else if (name.StartsWith("RealtimeServerEvent", StringComparison.Ordinal))
            {
                _serverSchemas[type] = name;
            }
        }

        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = BaseUri,
            ["$defs"] = definitions.DeepClone(),
        };
        _options.SchemaRegistry.Register(JsonSchema.FromText(root.ToJsonString()));
    }

    public static RealtimeSchemaValidator Instance => Shared.Value;

    /// <summary>Event types that have a schema, per direction.</summary>
    public IReadOnlyCollection<string> ClientEventTypes => _clientSchemas.Keys;

    public IReadOnlyCollection<string> ServerEventTypes => _serverSchemas.Keys;

    /// <summary>The schema violations of one client event (empty when valid).</summary>
    public IReadOnlyList<string> ValidateClientEvent(string json) => Validate(json, _clientSchemas, "client");

    /// <summary>The schema violations of one server event (empty when valid).</summary>
    public IReadOnlyList<string> ValidateServerEvent(string json) => Validate(json, _serverSchemas, "server");

    private List<string> Validate(string json, Dictionary<string, string> schemas, string direction)
    {
        var node = JsonNode.Parse(json);
        var type = node?["type"]?.GetValue<string>() ?? "<no type>";
        if (!schemas.TryGetValue(type, out var name))
        {
            return [$"{type}: no {direction} event schema has this type"];
        }

        var schema = _compiled.GetOrAdd(name, n => JsonSchema.FromText($$"""{"$ref":"{{BaseUri}}#/$defs/{{n}}"}"""));
        var results = schema.Evaluate(node, _options);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        CollectErrors(results, type, errors);
        return errors.Count > 0 ? errors.Distinct(StringComparer.Ordinal).ToList() : [$"{type}: invalid"];
    }

    /// <summary>Follows failing nodes only, so alternatives of a satisfied anyOf are not reported.</summary>
    private static void CollectErrors(EvaluationResults node, string type, List<string> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        if (node.HasErrors)
        {
            errors.AddRange(node.Errors!.Select(e => $"{type} {node.InstanceLocation}: {e.Key}: {e.Value}"));
        }

        if (node.HasDetails)
        {
            foreach (var child in node.Details)
            {
                CollectErrors(child, type, errors);
            }
        }
    }

    /// <summary>
    /// Spec defect: some properties are <c>oneOf: [{type: string}, {type: string, enum: [...]}]</c> (e.g.
    /// <c>response.create.response.conversation</c>), so the documented values ("auto", "none") match both branches
    /// and fail <c>oneOf</c>. Such overlapping alternatives are read as <c>anyOf</c>, which is what the text means.
    /// </summary>
    private static void RelaxOverlappingOneOf(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj["oneOf"] is JsonArray branches
                && branches.Count(b => b?["type"]?.GetValue<string>() == "string" && b["enum"] is null) == 1
                && branches.Any(b => b?["enum"] is not null && b["type"]?.GetValue<string>() == "string"))
            {
                obj.Remove("oneOf");
                obj["anyOf"] = branches;
            }

            foreach (var (_, child) in obj.ToList())
            {
                RelaxOverlappingOneOf(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.ToList())
            {
                RelaxOverlappingOneOf(child);
            }
        }
    }

    /// <summary>
    /// Spec gap: the service sends an audio content part's <c>transcript</c> as <c>null</c> until it is known
    /// (<c>{"type":"input_audio","transcript":null}</c>), and strict clients require the key, but the spec types it
    /// as a plain string. Only that field of the message items is widened to string-or-null.
    /// </summary>
    private static void AllowServiceNulls(JsonObject definitions)
    {
        foreach (var name in new[] { "RealtimeConversationItemMessageUser", "RealtimeConversationItemMessageAssistant" })
        {
            if (definitions[name]?["properties"]?["content"]?["items"]?["properties"] is JsonObject parts
                && parts["transcript"] is JsonObject transcript && transcript["type"]?.GetValue<string>() == "string")
            {
                transcript["type"] = new JsonArray("string", "null");
            }
        }
    }

    /// <summary>Validates a batch and formats all violations, one line each, for an assertion message.</summary>
    public static string Describe(IEnumerable<(string Json, IReadOnlyList<string> Errors)> results) =>
        string.Join(Environment.NewLine, results.Where(r => r.Errors.Count > 0).SelectMany(r => r.Errors.Take(6).Append("  in: " + Truncate(r.Json))));

    private static string Truncate(string json) => json.Length > 400 ? json[..400] + "…" : json;

    internal static string TypeOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("type").GetString() ?? "?";
    }
}
