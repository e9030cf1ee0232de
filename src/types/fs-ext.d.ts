// fs-ext ships no types; we use only its flock(2) binding.
declare module 'fs-ext' {
  type FlockFlag = 'sh' | 'ex' | 'shnb' | 'exnb' | 'un';
  const fsExt: {
    flockSync(fd: number, flag: FlockFlag): void;
  };
  export default fsExt;
}
