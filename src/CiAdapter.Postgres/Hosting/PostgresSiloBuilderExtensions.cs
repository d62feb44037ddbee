using CiAdapter.Postgres.Schema;
using CiAdapter.Postgres.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CiAdapter.Postgres.Hosting;

/// <summary>Wires a silo's membership, reminders and grain state to PostgreSQL.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql; the providers default to SQL Server without it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Keeps cluster membership, reminders and the given grain storages in PostgreSQL, and applies
    /// the CI Adapter schema before the silo joins the cluster.
    /// </summary>
    /// <param name="builder">The silo to configure.</param>
    /// <param name="connectionString">An Npgsql connection string (POSTGRES_CONNECTION_STRING).</param>
    /// <param name="storageNames">Grain storage names, as in [PersistentState(stateName, storageName)].</param>
    public static ISiloBuilder UsePostgres(this ISiloBuilder builder, string connectionString, params string[] storageNames)
    {
        ArgumentNullException.ThrowIfNull(storageNames);
        return builder.UsePostgres(options =>
        {
            options.ConnectionString = connectionString;
            foreach (var name in storageNames)
            {
                options.StorageNames.Add(name);
            }
        });
    }

    /// <inheritdoc cref="UsePostgres(ISiloBuilder, string, string[])"/>
    /// <param name="builder">The silo to configure.</param>
    /// <param name="configure">Sets the connection string, storage names and schema handling.</param>
    /// <remarks>
    /// Grain state is written with Orleans' own binary serializer, the one that already carries
    /// every [GenerateSerializer] type between silos: it honours [Id] and [Alias], so state types
    /// can gain fields and be renamed as they can on the wire, and a state read back is exactly
    /// the state that was written. The payload column is therefore not human-readable; the rest of
    /// each row (service, state name, readable grain key, version, modified time) is.
    /// </remarks>
    public static ISiloBuilder UsePostgres(this ISiloBuilder builder, Action<PostgresOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var settings = new PostgresOptions();
        configure(settings);
        var connectionString = Validate(settings);

        var services = builder.Services;
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresSchemaInstaller>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(
            provider => ActivatorUtilities.CreateInstance<PostgresSchemaStartup>(provider, connectionString));

        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        foreach (var name in settings.StorageNames)
        {
            services.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> options) => options
                .Configure<Serializer>((storage, serializer) =>
                {
                    storage.Invariant = Invariant;
                    storage.ConnectionString = connectionString;
                    storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
            DecorateGrainStorage(services, name);
        }

        return builder;
    }

    private static string Validate(PostgresOptions settings)
    {
        // Fails at wiring time with the same operator-facing message the installer would give.
        var connectionString = PostgresConnectionString.Parse(settings.ConnectionString).Normalized;

        if (settings.SchemaStartupTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.SchemaStartupTimeout, "SchemaStartupTimeout cannot be negative.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in settings.StorageNames)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A PostgreSQL grain storage name is empty.", nameof(settings));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The PostgreSQL grain storage '{name}' is named twice.", nameof(settings));
            }
        }

        return connectionString;
    }

    /// <summary>
    /// Replaces the keyed <see cref="IGrainStorage"/> that AddAdoNetGrainStorage registered with
    /// one that wraps it in <see cref="CollisionSafeGrainStorage"/>. Everything else the provider
    /// registered (options, validators, lifecycle participation, which resolves the keyed service
    /// and so reaches the decorator) stays as it is.
    /// </summary>
    private static void DecorateGrainStorage(IServiceCollection services, string name)
    {
        var registered = services
            .Where(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name))
            .ToList();
        if (registered is not [{ KeyedImplementationFactory: { } createInner } descriptor])
        {
            throw new InvalidOperationException(
                $"Expected exactly one factory-registered grain storage named '{name}' after AddAdoNetGrainStorage, found {registered.Count}. " +
                "The Orleans ADO.NET provider changed how it registers; review CollisionSafeGrainStorage's wiring.");
        }

        services.Remove(descriptor);
        services.Add(ServiceDescriptor.KeyedSingleton<IGrainStorage>(
            name,
            (provider, key) => new CollisionSafeGrainStorage((IGrainStorage)createInner(provider, key))));
    }
}
