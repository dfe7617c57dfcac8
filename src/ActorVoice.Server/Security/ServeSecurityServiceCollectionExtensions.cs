using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Server.Security;

/// <summary>
/// Registers the security parts one server shares (settings, tokens, admission, the redactor) and keeps ASP.NET Core's
/// request lines out of the logs whatever the log level: they carry the full URL, <c>?token=</c> included.
/// </summary>
public static class ServeSecurityServiceCollectionExtensions
{
    /// <summary>Categories whose Information/Debug lines include request URLs ("Request starting … /ws?token=…").</summary>
    private static readonly string[] UrlLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.HttpLogging",
    ];

    public static IServiceCollection AddServeSecurity(this IServiceCollection services, ServeSecuritySettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Limits);
        services.AddSingleton(sp => new ClientTokens(settings.Security, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ClientAdmission(settings, sp.GetRequiredService<ClientTokens>()));
        services.AddSingleton(_ => SecretRedactor.ForServer(settings.Security));
        services.Configure<LoggerFilterOptions>(options =>
        {
            foreach (var category in UrlLoggingCategories)
            {
                options.Rules.Add(new LoggerFilterRule(providerName: null, category, LogLevel.Warning, filter: null));
            }
        });
        return services;
    }
}
