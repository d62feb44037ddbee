using CiAdapter.Certification;
using CiAdapter.Models;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace CiAdapter.Testing.Postgres;

/// <summary>
/// Reads what the model grains made durable in PostgreSQL, straight from the storage table, e.g.
/// right after a silo was killed, to know which models had persisted their CI task.
/// </summary>
public static class DurableModelStates
{
    private const string StateName = "model-v1";
    private const string KeyPrefix = "v1:model/";

    /// <summary>Status of every model with state in the database (deleted ones are left out).</summary>
    public static async Task<IReadOnlyDictionary<string, ModelStatus>> ReadAsync(string connectionString)
    {
        using var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(ModelState).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var states = new Dictionary<string, ModelStatus>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_key, payload FROM orleans_grain_state WHERE state_name = @state AND payload IS NOT NULL", connection);
        command.Parameters.AddWithValue("state", StateName);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(0);
            var state = serializer.Deserialize<ModelState>((byte[])reader[1]);
            if (key.StartsWith(KeyPrefix, StringComparison.Ordinal) && state is { Exists: true })
            {
                states[key[KeyPrefix.Length..]] = state.Status;
            }
        }

        return states;
    }
}
