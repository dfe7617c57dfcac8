using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ActorVoice.Engine.Configuration;
using ActorVoice.Retrieval.Dense;

namespace ActorVoice.Engine.Knowledge;

/// <summary>
/// An existing chatbot or RAG backend as a knowledge source: POSTs <c>{"question": "..."}</c> as JSON to the
/// configured URL and reads the answer text and the sources from the reply, at configurable field paths.
/// Every failure (unreachable, too slow, error status, not JSON, neither field present) becomes a
/// <see cref="KnowledgeSourceException"/> that names the URL and the cause.
/// </summary>
public sealed class HttpKnowledgeSource : IKnowledgeSource
{
    private const int SnippetLength = 200;
    private readonly HttpKnowledgeSettings _settings;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly Uri _url;

    /// <param name="settings">The backend's URL, timeout and field names.</param>
    /// <param name="client">A client to use (not disposed here); null creates one owned by this source.</param>
    /// <exception cref="ArgumentException">The URL is missing, relative or not http(s), or a field path is empty.</exception>
    public HttpKnowledgeSource(HttpKnowledgeSettings settings, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _url = ParseUrl(settings.Url);
        if (string.IsNullOrWhiteSpace(settings.QuestionField))
        {
            throw new ArgumentException("knowledge.http.question-field must name the request field that carries the question.", nameof(settings));
        }

        if (string.IsNullOrWhiteSpace(settings.AnswerField) && string.IsNullOrWhiteSpace(settings.SourcesField))
        {
            throw new ArgumentException("knowledge.http needs an answer-field, a sources-field or both; both are empty.", nameof(settings));
        }

        if (settings.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"knowledge.http.timeout must be positive, not {settings.Timeout}.", nameof(settings));
        }

        _settings = settings;
        _ownsClient = client is null;
        // The per-request timeout is enforced with a token, so it can be told apart from the caller cancelling.
        _client = client ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string Name => $"http {_url}";

    public async Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = (partial ? CachingEmbedder.CompleteWordPrefix(question) : question).Trim();
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        string body;
        try
        {
            using var content = JsonContent.Create(new Dictionary<string, string> { [_settings.QuestionField] = text });
            using var response = await _client.PostAsync(_url, content, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new KnowledgeSourceException(
                    $"The knowledge backend {_url} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Snippet(body)}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KnowledgeSourceException(
                $"The knowledge backend {_url} did not answer within {_settings.Timeout.TotalMilliseconds:0} ms (knowledge.http.timeout).");
        }
        catch (HttpRequestException ex)
        {
            throw new KnowledgeSourceException($"Could not reach the knowledge backend {_url}: {ex.Message}", ex);
        }

        return Parse(text, body, watch.Elapsed);
    }

    private KnowledgeResult Parse(string question, string body, TimeSpan elapsed)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new KnowledgeSourceException($"The knowledge backend {_url} did not reply with JSON ({ex.Message}): {Snippet(body)}", ex);
        }

        using (document)
        {
            var answerElement = Find(document.RootElement, _settings.AnswerField);
            var sourcesElement = Find(document.RootElement, _settings.SourcesField);
            if (answerElement is null && sourcesElement is null)
            {
                throw new KnowledgeSourceException(
                    $"The knowledge backend {_url} replied without '{_settings.AnswerField}' or '{_settings.SourcesField}': {Snippet(body)}");
            }

            string? answer = null;
            if (answerElement is { } a && a.ValueKind != JsonValueKind.Null)
            {
                answer = a.ValueKind == JsonValueKind.String
                    ? a.GetString()
                    : throw new KnowledgeSourceException(
                        $"The knowledge backend {_url} replied with '{_settings.AnswerField}' as {a.ValueKind}, not a string.");
            }

            var passages = new List<KnowledgePassage>();
            if (sourcesElement is { } s && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind != JsonValueKind.Array)
                {
                    throw new KnowledgeSourceException(
                        $"The knowledge backend {_url} replied with '{_settings.SourcesField}' as {s.ValueKind}, not an array.");
                }

                var position = 0;
                foreach (var source in s.EnumerateArray())
                {
                    passages.Add(ToPassage(source, position++));
                }
            }

            return new KnowledgeResult(question, passages, answer, elapsed);
        }
    }

    private KnowledgePassage ToPassage(JsonElement source, int position)
    {
        if (source.ValueKind == JsonValueKind.String)
        {
            // A bare list of document names.
            return new KnowledgePassage(source.GetString() ?? string.Empty, position, string.Empty, string.Empty, 0);
        }

        if (source.ValueKind != JsonValueKind.Object)
        {
            throw new KnowledgeSourceException(
                $"The knowledge backend {_url} replied with a source that is {source.ValueKind}, not an object or a string.");
        }

        return new KnowledgePassage(
            Text(source, _settings.SourceDocumentField),
            Number(source, _settings.SourceChunkField) is { } chunk ? (int)chunk : position,
            Text(source, _settings.SourceHeadingField),
            Text(source, _settings.SourceTextField),
            Number(source, _settings.SourceScoreField) ?? 0);
    }

    private static string Text(JsonElement element, string path) =>
        Find(element, path) switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString() ?? string.Empty,
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => string.Empty,
        };

    private static double? Number(JsonElement element, string path) =>
        Find(element, path) switch
        {
            { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
            { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };

    /// <summary>Follows a dotted path (numbers index arrays); null when any step is missing or the path is empty.</summary>
    private static JsonElement? Find(JsonElement root, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var current = root;
        foreach (var step in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(step, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static Uri ParseUrl(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ArgumentException(
                "knowledge.source = http needs knowledge.http.url, the backend's address (e.g. http://localhost:8000/ask).", nameof(url));
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"knowledge.http.url '{url}' is not an absolute http:// or https:// URL.", nameof(url));
        }

        return uri;
    }

    private static string Snippet(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length == 0 ? "(empty body)" : flat.Length <= SnippetLength ? flat : flat[..SnippetLength] + "…";
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
