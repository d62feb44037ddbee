namespace CiAdapter.Benchmarks;

[Alias("ci.bench.ICountingGrain")]
internal interface ICountingGrain : IGrainWithStringKey
{
}
