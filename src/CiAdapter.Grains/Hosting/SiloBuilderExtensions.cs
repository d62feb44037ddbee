using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CiAdapter.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// In-memory storage for the grains (local default, tests, benchmarks), written with Orleans'
    /// own binary serializer like the PostgreSQL storage: the memory provider's default JSON
    /// serializer costs more CPU than everything else a model's event does.
    /// </summary>
    public static ISiloBuilder AddCiAdapterMemoryStorage(this ISiloBuilder builder) =>
        builder.AddMemoryGrainStorage(StorageNames.Models, (OptionsBuilder<MemoryGrainStorageOptions> options) => options
            .Configure<Serializer>((storage, serializer) => storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
}
