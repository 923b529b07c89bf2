export async function main(_argv: string[]): Promise<void> {
  process.stderr.write('tsnut drill: not yet\n');
  process.exit(2);
}
